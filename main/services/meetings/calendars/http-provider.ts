import { isReservedName, reservedNameReason } from '../../net/reserved-names';
import { CalendarFetchError, fetchError, type CalendarProvider, type FetchOutcome, type Validators } from './calendar-provider';
import type { ProblemCode } from '../../../../common/contract/problems';
import { secondsText } from '../../text/seconds';
import { messageOf } from '../../../../common/error-message';
import { LOOPBACK_ONLY_HINT, travelsInClear } from '../../../../common/net/clear-text';

export type HttpAuth = { kind: 'basic'; username: string } | { kind: 'bearer' };

/** The keychain's answer: the secret, or why there is none (no keychain, nothing saved). */
export type SecretAnswer = { secret: string } | { secret: null; reason: string };

export interface HttpCalendarOptions {
  /** https://, http:// or webcal:// (read as https://). */
  url: string;
  auth?: HttpAuth;
  /** The password or token, asked for at every fetch so a rotated secret is used at once. */
  secret?: () => Promise<SecretAnswer>;
  /** The whole exchange, headers and body, must finish within this. */
  timeoutMs: number;
  userAgent: string;
  maxBytes?: number;
  fetch?: typeof fetch;
}

const MAX_REDIRECTS = 5;
const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;

/** webcal:// is a hint to calendar apps that the resource is a subscription; it is served over HTTPS. */
export const httpUrlOf = (url: string): URL => {
  const parsed = new URL(url);
  if (parsed.protocol === 'webcal:') return new URL(`https:${url.slice('webcal:'.length)}`);
  return parsed;
};

/** A query string or userinfo is where calendar services put an access token: the address itself is then secret. */
export const urlCarriesSecret = (url: URL): boolean => url.search !== '' || url.username !== '' || url.password !== '';

/**
 * Why a calendar at `url` is not fetched when it would send a password, token or secret address unencrypted over
 * the network; undefined when it may be. Plain http to this machine (the lab, a local mirror) is fine.
 */
export const clearTextRefusal = (url: URL, withCredentials: boolean): string | undefined => {
  if (!travelsInClear(url)) return undefined;
  if (withCredentials) return `a password or token is never sent over plain http: use an https:// address (${LOOPBACK_ONLY_HINT})`;
  if (urlCarriesSecret(url))
    return `an address with a token in it is never sent over plain http: use an https:// address (${LOOPBACK_ONLY_HINT})`;
  return undefined;
};

const statusProblem = (status: number): ProblemCode => {
  if (status === 401 || status === 403) return 'meetings.calendar-credentials';
  if (status === 404 || status === 410) return 'meetings.calendar-gone';
  if (status === 429) return 'meetings.calendar-slow-down';
  if (status >= 500) return 'meetings.calendar-server-error';
  return 'meetings.calendar-http';
};

const statusReason = (status: number): string => {
  if (status === 401 || status === 403) return `the server refused the credentials (HTTP ${status})`;
  if (status === 404 || status === 410) return `the calendar is not there any more (HTTP ${status})`;
  if (status === 429) return 'the server asks to slow down (HTTP 429)';
  if (status >= 500) return `the server failed (HTTP ${status})`;
  return `the server answered HTTP ${status}`;
};

/** Why a request got no answer, as the problem the pane says and the technical line beside it. */
const networkFailure = (error: unknown, timeoutMs: number): { code: ProblemCode; reason: string } => {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError'))
    return { code: 'meetings.calendar-timed-out', reason: `no answer within ${secondsText(timeoutMs)}` };
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : undefined;
  const code = cause && 'code' in cause ? String(cause.code) : '';
  if (code === 'ECONNREFUSED') return { code: 'meetings.calendar-refused', reason: 'the connection was refused' };
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN')
    return { code: 'meetings.calendar-name-not-found', reason: 'the server name could not be found (DNS)' };
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET')
    return { code: 'meetings.calendar-closed', reason: 'the server closed the connection' };
  if (code.startsWith('ERR_TLS') || code.includes('CERT'))
    return { code: 'meetings.calendar-certificate', reason: `the server's certificate is not trusted (${code})` };
  return { code: 'meetings.calendar-unreachable', reason: `the server could not be reached (${cause?.message ?? messageOf(error)})` };
};

const tooLarge = (where: string, maxBytes: number): CalendarFetchError =>
  fetchError('meetings.calendar-too-large', `${where}: the calendar is larger than ${maxBytes / 1024 / 1024} MB`, {
    megabytes: maxBytes / 1024 / 1024,
  });

const readCapped = async (response: Response, maxBytes: number, where: string): Promise<string> => {
  const declared = Number(response.headers.get('content-length') ?? 0);
  if (declared > maxBytes) throw tooLarge(where, maxBytes);
  if (!response.body) return '';
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of response.body) {
    total += chunk.byteLength;
    if (total > maxBytes) throw tooLarge(where, maxBytes);
    chunks.push(chunk);
  }
  return new TextDecoder('utf-8').decode(Buffer.concat(chunks));
};

/** An iCalendar subscription over HTTP(S): conditional requests, credentials, redirects, a size cap and a timeout. */
export class HttpCalendarProvider implements CalendarProvider {
  readonly where: string;
  private readonly start: URL;

  constructor(private readonly options: HttpCalendarOptions) {
    this.start = httpUrlOf(options.url);
    this.where = this.start.host;
  }

  async fetch(previous: Validators | undefined): Promise<FetchOutcome> {
    // Before the keychain is asked and before any connection: nothing secret is ever sent in clear.
    const inClear = clearTextRefusal(this.start, this.options.auth !== undefined);
    if (inClear) throw fetchError('meetings.calendar-clear-text', `${this.where}: ${inClear}`);
    const authorization = await this.authorization();
    const signal = AbortSignal.timeout(this.options.timeoutMs);
    let url = this.start;
    for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
      // Credentials go to the calendar's own origin only, never to where a redirect points elsewhere; the same origin
      // has the same scheme and host, so what was checked above holds for every hop that carries them.
      if (isReservedName(url.hostname))
        throw fetchError('meetings.calendar-reserved', `${this.where}: ${reservedNameReason(url.hostname)}`, { host: url.hostname });
      const sameOrigin = url.origin === this.start.origin;
      const response = await this.send(url, previous, sameOrigin ? authorization : undefined, signal);
      if (response.status >= 300 && response.status < 400 && response.status !== 304) {
        url = this.redirectTarget(response, url);
        continue;
      }
      if (response.status === 304) return { kind: 'unchanged' };
      if (!response.ok)
        throw fetchError(statusProblem(response.status), `${this.where}: ${statusReason(response.status)}`, { status: response.status });
      const text = await this.body(response, signal);
      const validators: Validators = {};
      const etag = response.headers.get('etag');
      const lastModified = response.headers.get('last-modified');
      if (etag) validators.etag = etag;
      if (lastModified) validators.lastModified = lastModified;
      return { kind: 'changed', text, validators };
    }
    throw fetchError('meetings.calendar-redirects', `${this.where}: more than ${MAX_REDIRECTS} redirects`);
  }

  private async authorization(): Promise<string | undefined> {
    const { auth, secret } = this.options;
    if (!auth) return undefined;
    const answer = await secret?.();
    const value = answer?.secret;
    if (!value)
      throw fetchError(
        'meetings.calendar-no-secret',
        `${this.where}: ${answer && answer.secret === null ? answer.reason : `no ${auth.kind === 'basic' ? 'password' : 'token'} in the keychain`}`,
      );
    if (auth.kind === 'bearer') return `Bearer ${value}`;
    return `Basic ${Buffer.from(`${auth.username}:${value}`, 'utf8').toString('base64')}`;
  }

  private async send(
    url: URL,
    previous: Validators | undefined,
    authorization: string | undefined,
    signal: AbortSignal,
  ): Promise<Response> {
    const headers: Record<string, string> = { Accept: 'text/calendar, text/plain;q=0.9, */*;q=0.1', 'User-Agent': this.options.userAgent };
    if (previous?.etag) headers['If-None-Match'] = previous.etag;
    if (previous?.lastModified) headers['If-Modified-Since'] = previous.lastModified;
    if (authorization) headers['Authorization'] = authorization;
    try {
      return await (this.options.fetch ?? fetch)(url, { headers, redirect: 'manual', signal });
    } catch (error) {
      const failure = networkFailure(error, this.options.timeoutMs);
      throw fetchError(failure.code, `${url.host}: ${failure.reason}`, { host: url.host });
    }
  }

  private async body(response: Response, signal: AbortSignal): Promise<string> {
    try {
      return await readCapped(response, this.options.maxBytes ?? DEFAULT_MAX_BYTES, this.where);
    } catch (error) {
      if (error instanceof CalendarFetchError) throw error;
      throw fetchError(
        signal.aborted ? 'meetings.calendar-timed-out' : 'meetings.calendar-closed',
        `${this.where}: ${signal.aborted ? `the download did not finish within ${secondsText(this.options.timeoutMs)}` : 'the download broke off'}`,
        { host: this.where },
      );
    }
  }

  private redirectTarget(response: Response, from: URL): URL {
    const location = response.headers.get('location');
    if (!location)
      throw fetchError('meetings.calendar-http', `${this.where}: a redirect (HTTP ${response.status}) without a Location`, {
        status: response.status,
      });
    const target = new URL(location, from);
    if (target.protocol !== 'https:' && target.protocol !== 'http:')
      throw fetchError('meetings.calendar-redirects', `${this.where}: a redirect to ${target.protocol} is not followed`);
    if (from.protocol === 'https:' && target.protocol === 'http:')
      throw fetchError('meetings.calendar-redirects', `${this.where}: a redirect from HTTPS to plain HTTP is not followed`);
    void response.body?.cancel();
    return target;
  }
}
