import { isReservedName, reservedNameReason } from '../net/reserved-names';
import { MAX_PROFILE_BYTES } from './profile-verifier';
import { isRecord } from '../storage/safe-json';
import { oneLineMessageOf } from '../../../common/error-message';
import { LOOPBACK_ONLY_HINT, travelsInClear } from '../../../common/net/clear-text';

export type FetchLike = typeof fetch;

export type FetchOutcome =
  { status: 'ok'; bytes: Uint8Array; etag?: string } | { status: 'not-modified' } | { status: 'failed'; reason: string };

const MAX_REDIRECTS = 5;

/** Why a profile is not fetched from `parsed`; undefined when it may be. */
const refuseParsed = (parsed: URL): string | undefined => {
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    return `only http:// and https:// profile URLs are allowed, not ${parsed.protocol}//`;
  // Signed, yet read in clear (with any token in its address) and held back by whoever sits on the path.
  if (travelsInClear(parsed))
    return `${parsed.host}: a profile is fetched only over https:// (${LOOPBACK_ONLY_HINT}), so that nobody on the network reads or holds it back`;
  return isReservedName(parsed.hostname) ? reservedNameReason(parsed.hostname) : undefined;
};

/**
 * Only https, or plain http to this machine: a profile URL must not reach files or other schemes, nor travel in
 * clear over the network. Undefined when allowed.
 */
export const refuseUrl = (url: string): string | undefined => {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `"${url}" is not a URL`;
  }
  return refuseParsed(parsed);
};

/** Where a redirect may lead: never from https to http, and never anywhere `refuseUrl` refuses. */
const redirectTarget = (response: Response, from: URL): { url: URL } | { reason: string } => {
  const location = response.headers.get('location');
  if (!location) return { reason: `a redirect (HTTP ${response.status}) without a Location` };
  let target: URL;
  try {
    target = new URL(location, from);
  } catch {
    return { reason: `a redirect (HTTP ${response.status}) to something that is not a URL` };
  }
  if (from.protocol === 'https:' && target.protocol === 'http:')
    return { reason: `a redirect from https:// to plain http:// (${redactUrl(target.href)}) is not followed` };
  const refused = refuseParsed(target);
  return refused ? { reason: `a redirect to ${redactUrl(target.href)} is not followed: ${refused}` } : { url: target };
};

/** The URL for messages and logs: origin and path only, since a query string may carry an access token. */
export const redactUrl = (url: string): string => {
  try {
    const parsed = new URL(url);
    return `${parsed.origin}${parsed.pathname}`;
  } catch {
    return '(invalid URL)';
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

const isRedirect = (status: number): boolean => status === 301 || status === 302 || status === 303 || status === 307 || status === 308;

/** One GET of a profile URL, conditional on `etag`, bounded in time and size; never throws. */
export const fetchProfile = async (
  fetchImpl: FetchLike,
  url: string,
  options: { etag?: string; timeoutMs: number },
): Promise<FetchOutcome> => {
  const refused = refuseUrl(url);
  if (refused) return { status: 'failed', reason: refused };
  const where = `GET ${redactUrl(url)}`;
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.etag !== undefined) headers['if-none-match'] = options.etag;
  const signal = AbortSignal.timeout(options.timeoutMs);
  try {
    // Redirects by hand, each hop checked like the address itself: fetch's own following would go to plain http.
    let current = new URL(url);
    let response = await fetchImpl(current, { headers, redirect: 'manual', signal });
    for (let hop = 0; isRedirect(response.status); hop++) {
      await response.body?.cancel();
      if (hop === MAX_REDIRECTS) return { status: 'failed', reason: `${where}: more than ${MAX_REDIRECTS} redirects` };
      const next = redirectTarget(response, current);
      if ('reason' in next) return { status: 'failed', reason: `${where}: ${next.reason}` };
      current = next.url;
      response = await fetchImpl(current, { headers, redirect: 'manual', signal });
    }
    if (response.status === 304) {
      await response.body?.cancel();
      return { status: 'not-modified' };
    }
    if (response.status !== 200) {
      await response.body?.cancel();
      return { status: 'failed', reason: `${where}: HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}` };
    }
    const declared = Number(response.headers.get('content-length') ?? '0');
    const bytes = declared > MAX_PROFILE_BYTES ? undefined : await readLimited(response, MAX_PROFILE_BYTES);
    if (!bytes) {
      await response.body?.cancel().catch(() => undefined);
      return { status: 'failed', reason: `${where}: the response is over the 1 MB profile limit` };
    }
    const etag = response.headers.get('etag') ?? undefined;
    return etag === undefined ? { status: 'ok', bytes } : { status: 'ok', bytes, etag };
  } catch (error) {
    return { status: 'failed', reason: `${where}: ${describeFailure(error, options.timeoutMs)}` };
  }
};
