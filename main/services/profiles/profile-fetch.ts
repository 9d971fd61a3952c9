import { fetchWithCheckedRedirects, redactUrl, RedirectRefused } from '../net/checked-redirects';
import { isReservedName, reservedNameReason } from '../net/reserved-names';
import { MAX_PROFILE_BYTES } from './profile-verifier';
import { isRecord } from '../storage/safe-json';
import { oneLineMessageOf } from '../../../common/error-message';
import { LOOPBACK_ONLY_HINT, travelsInClear } from '../../../common/net/clear-text';
import { problem, type Problem } from '../../../common/contract/problems';

export type FetchLike = typeof fetch;

/** Why a profile did not come: the technical line for logs and Details, and what the employee is told. */
export interface FetchRefusal {
  reason: string;
  problem: Problem;
}

export type FetchOutcome =
  { status: 'ok'; bytes: Uint8Array; etag?: string } | { status: 'not-modified' } | ({ status: 'failed' } & FetchRefusal);

/** Why a profile is not fetched from `parsed`; undefined when it may be. */
const refusalFor = (parsed: URL): FetchRefusal | undefined => {
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    return {
      reason: `only http:// and https:// profile URLs are allowed, not ${parsed.protocol}//`,
      problem: problem('profiles.address-scheme'),
    };
  // Signed, yet read in clear (with any token in its address) and held back by whoever sits on the path.
  if (travelsInClear(parsed))
    return {
      reason: `${parsed.host}: a profile is fetched only over https:// (${LOOPBACK_ONLY_HINT}), so that nobody on the network reads or holds it back`,
      problem: problem('profiles.address-clear-text', { host: parsed.host }),
    };
  return isReservedName(parsed.hostname)
    ? { reason: reservedNameReason(parsed.hostname), problem: problem('profiles.address-reserved', { host: parsed.hostname }) }
    : undefined;
};

const refuseParsed = (parsed: URL): string | undefined => refusalFor(parsed)?.reason;

/**
 * Only https, or plain http to this machine: a profile URL must not reach files or other schemes, nor travel in
 * clear over the network. Undefined when allowed.
 */
export const refuseUrl = (url: string): FetchRefusal | undefined => {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { reason: `"${url}" is not a URL`, problem: problem('profiles.address-invalid') };
  }
  return refusalFor(parsed);
};

const hostOf = (url: string): string => {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
};

const describeFailure = (error: unknown, timeoutMs: number): string => {
  if (isRecord(error) && error['name'] === 'TimeoutError') return `no answer within ${timeoutMs / 1000} s`;
  const cause = isRecord(error) ? error['cause'] : undefined;
  if (isRecord(cause) && typeof cause['code'] === 'string')
    return `${oneLineMessageOf(cause['message'] ?? cause['code'])} (${cause['code']})`;
  return oneLineMessageOf(cause ?? error);
};

/** Reads at most `limit` bytes; undefined when the body is longer. */
const readLimited = async (response: Response, limit: number): Promise<Uint8Array | undefined> => {
  if (!response.body) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let length = 0;
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    length += value.byteLength;
    if (length > limit) {
      await reader.cancel();
      return undefined;
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
};

/** One GET of a profile URL, conditional on `etag`, bounded in time and size; never throws. */
export const fetchProfile = async (
  fetchImpl: FetchLike,
  url: string,
  options: { etag?: string; timeoutMs: number },
): Promise<FetchOutcome> => {
  const refused = refuseUrl(url);
  if (refused) return { status: 'failed', ...refused };
  const where = `GET ${redactUrl(url)}`;
  const host = hostOf(url);
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.etag !== undefined) headers['if-none-match'] = options.etag;
  const signal = AbortSignal.timeout(options.timeoutMs);
  try {
    const response = await fetchWithCheckedRedirects(fetchImpl, new URL(url), { headers, signal }, refuseParsed);
    if (response.status === 304) {
      await response.body?.cancel();
      return { status: 'not-modified' };
    }
    if (response.status !== 200) {
      await response.body?.cancel();
      return {
        status: 'failed',
        reason: `${where}: HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`,
        problem: problem(response.status >= 400 && response.status < 500 ? 'profiles.not-found' : 'profiles.server-error', {
          host,
          status: response.status,
        }),
      };
    }
    const declared = Number(response.headers.get('content-length') ?? '0');
    const bytes = declared > MAX_PROFILE_BYTES ? undefined : await readLimited(response, MAX_PROFILE_BYTES);
    if (!bytes) {
      await response.body?.cancel().catch(() => undefined);
      return {
        status: 'failed',
        reason: `${where}: the response is over the 1 MB profile limit`,
        problem: problem('profiles.response-too-large', { host }),
      };
    }
    const etag = response.headers.get('etag') ?? undefined;
    return etag === undefined ? { status: 'ok', bytes } : { status: 'ok', bytes, etag };
  } catch (error) {
    if (error instanceof RedirectRefused)
      return { status: 'failed', reason: `${where}: ${error.message}`, problem: problem('profiles.redirect-refused', { host }) };
    const timedOut = isRecord(error) && error['name'] === 'TimeoutError';
    return {
      status: 'failed',
      reason: `${where}: ${describeFailure(error, options.timeoutMs)}`,
      problem: timedOut
        ? problem('profiles.timed-out', { host, seconds: options.timeoutMs / 1000 })
        : problem('profiles.unreachable', { host }),
    };
  }
};
