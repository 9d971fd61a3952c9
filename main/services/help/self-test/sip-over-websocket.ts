import { createHash, randomBytes, randomUUID } from 'node:crypto';
import WebSocket from 'ws';
import { oneLineMessageOf } from '../../../../common/error-message';

/**
 * Just enough SIP for the self-test: open the phone system's WebSocket with the `sip` subprotocol (RFC 7118) and
 * REGISTER with digest authentication (RFC 3261 §22, RFC 2617, RFC 8760's SHA-256), then remove that one binding
 * again with Expires: 0. The Contact and instance id are the self-test's own, so the softphone's binding stays.
 */

export class SipSocketError extends Error {
  override readonly name = 'SipSocketError';
}

/** The socket once the server accepted the `sip` subprotocol; rejects with one line otherwise. */
export const openSipWebSocket = (url: string, timeoutMs: number, signal?: AbortSignal): Promise<WebSocket> =>
  new Promise((resolve, reject) => {
    const socket = new WebSocket(url, 'sip', { handshakeTimeout: timeoutMs });
    const fail = (reason: string): void => {
      cleanup();
      socket.terminate();
      reject(new SipSocketError(reason));
    };
    const abort = (): void => fail('stopped');
    const cleanup = (): void => {
      signal?.removeEventListener('abort', abort);
      socket.removeAllListeners('open').removeAllListeners('unexpected-response');
    };
    signal?.addEventListener('abort', abort, { once: true });
    socket.once('open', () => {
      if (socket.protocol !== 'sip') return fail(`${url} did not accept the sip subprotocol (answered "${socket.protocol}")`);
      cleanup();
      resolve(socket);
    });
    socket.once('unexpected-response', (_request, response) =>
      fail(`${url} answered HTTP ${response.statusCode ?? '?'} instead of opening a WebSocket`),
    );
    socket.on('error', (error) => fail(`${url}: ${(error as NodeJS.ErrnoException).code ?? oneLineMessageOf(error)}`));
  });

export interface SipResponse {
  status: number;
  reason: string;
  /** Lower-case header name → every value, compact forms expanded. */
  headers: Map<string, string[]>;
}

const compactForms: Record<string, string> = {
  v: 'via',
  i: 'call-id',
  f: 'from',
  t: 'to',
  m: 'contact',
  l: 'content-length',
  c: 'content-type',
  k: 'supported',
};

export const parseSipResponse = (text: string): SipResponse | undefined => {
  const [head = ''] = text.split(/\r?\n\r?\n/, 1);
  const lines = head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/);
  const status = /^SIP\/2\.0 (\d{3}) ?(.*)$/.exec(lines[0] ?? '');
  if (!status) return undefined;
  const headers = new Map<string, string[]>();
  for (const line of lines.slice(1)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const raw = line.slice(0, colon).trim().toLowerCase();
    const name = compactForms[raw] ?? raw;
    headers.set(name, [...(headers.get(name) ?? []), line.slice(colon + 1).trim()]);
  }
  return { status: Number(status[1]), reason: status[2] ?? '', headers };
};

export interface DigestChallenge {
  realm: string;
  nonce: string;
  opaque?: string;
  algorithm: string;
  qop?: string;
}

const ALGORITHMS: Record<string, string> = { MD5: 'md5', 'MD5-SESS': 'md5', 'SHA-256': 'sha256', 'SHA-256-SESS': 'sha256' };

/** The first Digest challenge with an algorithm we speak, from WWW-Authenticate or Proxy-Authenticate values. */
export const parseDigestChallenge = (values: readonly string[]): DigestChallenge | undefined => {
  for (const value of values) {
    if (!/^digest\s/i.test(value)) continue;
    const fields = new Map<string, string>();
    for (const match of value.slice(6).matchAll(/([\w-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]+))/g))
      fields.set((match[1] as string).toLowerCase(), match[2] ?? match[3] ?? '');
    const algorithm = (fields.get('algorithm') ?? 'MD5').toUpperCase();
    const realm = fields.get('realm');
    const nonce = fields.get('nonce');
    if (realm === undefined || nonce === undefined || !ALGORITHMS[algorithm]) continue;
    const qops = (fields.get('qop') ?? '').split(',').map((qop) => qop.trim());
    const opaque = fields.get('opaque');
    return { realm, nonce, algorithm, ...(opaque !== undefined ? { opaque } : {}), ...(qops.includes('auth') ? { qop: 'auth' } : {}) };
  }
  return undefined;
};

export interface DigestCredentials {
  username: string;
  password: string;
}

/** The Authorization value answering a challenge for `method uri`; `nc` counts uses of the same nonce. */
export const digestAuthorization = (
  challenge: DigestChallenge,
  credentials: DigestCredentials,
  method: string,
  uri: string,
  nc: number,
  cnonce = randomBytes(8).toString('hex'),
): string => {
  const algorithm = ALGORITHMS[challenge.algorithm] as string;
  const hash = (text: string): string => createHash(algorithm).update(text, 'utf8').digest('hex');
  const base = hash(`${credentials.username}:${challenge.realm}:${credentials.password}`);
  const ha1 = challenge.algorithm.endsWith('-SESS') ? hash(`${base}:${challenge.nonce}:${cnonce}`) : base;
  const ha2 = hash(`${method}:${uri}`);
  const count = nc.toString(16).padStart(8, '0');
  const response = challenge.qop
    ? hash(`${ha1}:${challenge.nonce}:${count}:${cnonce}:${challenge.qop}:${ha2}`)
    : hash(`${ha1}:${challenge.nonce}:${ha2}`);
  const parts = [
    `username="${credentials.username}"`,
    `realm="${challenge.realm}"`,
    `nonce="${challenge.nonce}"`,
    `uri="${uri}"`,
    `response="${response}"`,
    `algorithm=${challenge.algorithm}`,
  ];
  if (challenge.opaque !== undefined) parts.push(`opaque="${challenge.opaque}"`);
  if (challenge.qop) parts.push(`qop=${challenge.qop}`, `nc=${count}`, `cnonce="${cnonce}"`);
  return `Digest ${parts.join(', ')}`;
};

export interface RegistrationAccount {
  /** ws:// or wss:// */
  server: string;
  domain: string;
  extension: string;
  password: string;
  userAgent: string;
}

export type RegistrationResult =
  | { kind: 'registered'; expires: number }
  /** The server turned the credentials down (a second challenge, or 403). */
  | { kind: 'refused'; status: number; reason: string }
  | { kind: 'failed'; reason: string };

const token = (): string => randomBytes(6).toString('hex');

/** One REGISTER dialogue over an open socket: requests share a Call-ID, responses are matched by CSeq. */
class Registrar {
  private readonly callId = `${randomUUID()}@self-test.invalid`;
  private readonly fromTag = token();
  private readonly contactUser = `self-test-${token()}`;
  private readonly instance = randomUUID();
  private cseq = 0;
  private nonceCount = 0;
  private challenge: { header: 'authorization' | 'proxy-authorization'; digest: DigestChallenge } | undefined;

  constructor(
    private readonly socket: WebSocket,
    private readonly account: RegistrationAccount,
    private readonly deadline: number,
  ) {}

  /** REGISTER, answering one challenge; a second challenge for the same credentials means they are wrong. */
  async register(expires: number): Promise<SipResponse> {
    const response = await this.send(expires);
    if (response.status !== 401 && response.status !== 407) return response;
    const digest = parseDigestChallenge(response.headers.get(response.status === 401 ? 'www-authenticate' : 'proxy-authenticate') ?? []);
    if (!digest)
      throw new SipSocketError(`the phone system asked for an authentication other than Digest MD5 or SHA-256 (${response.status})`);
    this.challenge = { header: response.status === 401 ? 'authorization' : 'proxy-authorization', digest };
    this.nonceCount = 0;
    return this.send(expires);
  }

  private send(expires: number): Promise<SipResponse> {
    const { domain, extension, server, userAgent, password } = this.account;
    const cseq = ++this.cseq;
    const transport = server.startsWith('wss:') ? 'WSS' : 'WS';
    const requestUri = `sip:${domain}`;
    const lines = [
      `REGISTER ${requestUri} SIP/2.0`,
      `Via: SIP/2.0/${transport} ${token()}.invalid;branch=z9hG4bK${token()}`,
      'Max-Forwards: 70',
      `To: <sip:${extension}@${domain}>`,
      `From: <sip:${extension}@${domain}>;tag=${this.fromTag}`,
      `Call-ID: ${this.callId}`,
      `CSeq: ${cseq} REGISTER`,
      `Contact: <sip:${this.contactUser}@${token()}.invalid;transport=ws>;+sip.instance="<urn:uuid:${this.instance}>";expires=${expires}`,
      `Expires: ${expires}`,
      `User-Agent: ${userAgent}`,
    ];
    if (this.challenge) {
      const name = this.challenge.header === 'authorization' ? 'Authorization' : 'Proxy-Authorization';
      lines.push(
        `${name}: ${digestAuthorization(this.challenge.digest, { username: extension, password }, 'REGISTER', requestUri, ++this.nonceCount)}`,
      );
    }
    lines.push('Content-Length: 0', '', '');
    return this.exchange(lines.join('\r\n'), cseq);
  }

  private exchange(request: string, cseq: number): Promise<SipResponse> {
    return new Promise((resolve, reject) => {
      const left = this.deadline - Date.now();
      const finish = (error?: Error, response?: SipResponse): void => {
        clearTimeout(timer);
        this.socket.off('message', onMessage).off('close', onClose);
        if (error) reject(error);
        else resolve(response as SipResponse);
      };
      const timer = setTimeout(
        () => finish(new SipSocketError(`no answer to REGISTER within the time left (${Math.max(left, 0)} ms)`)),
        Math.max(left, 0),
      );
      const onClose = (): void => finish(new SipSocketError('the phone system closed the WebSocket'));
      const onMessage = (data: WebSocket.RawData): void => {
        const response = parseSipResponse(data.toString());
        if (!response || response.status < 200) return;
        const [number, method] = (response.headers.get('cseq')?.[0] ?? '').split(/\s+/);
        if (Number(number) !== cseq || method !== 'REGISTER' || response.headers.get('call-id')?.[0] !== this.callId) return;
        finish(undefined, response);
      };
      this.socket.on('message', onMessage).on('close', onClose);
      this.socket.send(request);
    });
  }
}

const REGISTER_SECONDS = 60;

/** Registers a throwaway binding with the account's password, then removes it: does the phone system take it? */
export const tryRegistration = async (
  account: RegistrationAccount,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<RegistrationResult> => {
  const deadline = Date.now() + timeoutMs;
  let socket: WebSocket;
  try {
    socket = await openSipWebSocket(account.server, timeoutMs, signal);
  } catch (error) {
    return { kind: 'failed', reason: oneLineMessageOf(error) };
  }
  const close = (): void => socket.terminate();
  signal?.addEventListener('abort', close, { once: true });
  try {
    const registrar = new Registrar(socket, account, deadline);
    const response = await registrar.register(REGISTER_SECONDS);
    if (response.status === 401 || response.status === 407 || response.status === 403)
      return { kind: 'refused', status: response.status, reason: response.reason };
    if (response.status !== 200) return { kind: 'failed', reason: `REGISTER answered ${response.status} ${response.reason}` };
    const expires = Number(response.headers.get('expires')?.[0] ?? REGISTER_SECONDS);
    await registrar.register(0).catch(() => undefined);
    return { kind: 'registered', expires };
  } catch (error) {
    return { kind: 'failed', reason: oneLineMessageOf(error) };
  } finally {
    signal?.removeEventListener('abort', close);
    socket.close();
  }
};
