import { timingSafeEqual } from 'node:crypto';
import type { Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import type { WebSocket } from 'ws';
import type { RelayOutcome } from '../../../common/contract/office-pc';
import type { Logger } from '../logging/logger';
import type { TrustVerdict } from './certificate-trust';
import { DerError } from './der';
import { asLinkError, certificateChain, exchangeX224, LinkError, openTcp, upgradeToTls } from './office-pc-link';
import { asConnectionRequest, connectionResponse, decodePdu, generalError, negotiationError } from './rdcleanpath';
import { RequestInbox } from './request-inbox';
import { isConnectionRequest, negotiationFailureText, parseConnectionConfirm, Protocol } from './x224';

export interface RelayTimeouts {
  /** From the WebSocket opening to a whole RDCleanPath request. */
  requestMs: number;
  connectMs: number;
  x224Ms: number;
  tlsMs: number;
}

export const DEFAULT_RELAY_TIMEOUTS: RelayTimeouts = { requestMs: 10_000, connectMs: 10_000, x224Ms: 10_000, tlsMs: 10_000 };

/** What one ticket allows: this token, for this office PC, once. */
export interface SessionGrant {
  sessionId: string;
  token: string;
  host: string;
  port: number;
  /** `host:port` as the pane names it to IronRDP. */
  destination: string;
}

export interface SessionDeps {
  log: Logger;
  timeouts: RelayTimeouts;
  judge(destination: string, chain: Uint8Array[]): Promise<TrustVerdict>;
  report(outcome: RelayOutcome, detail?: string): void;
}

const MAX_REQUEST_BYTES = 16 * 1024;
/** Pause reading from the office PC while this much is still queued for the WebSocket. */
const HIGH_WATER = 4 * 1024 * 1024;
const KEEPALIVE_MS = 30_000;

/** HTTP-like status codes in the RDCleanPath error, which IronRDP surfaces to the pane. */
const Status = { badRequest: 400, unauthorized: 401, forbidden: 403, certificate: 495, badGateway: 502, gatewayTimeout: 504 } as const;

class Refusal extends Error {
  constructor(
    readonly outcome: RelayOutcome,
    message: string,
    readonly pdu: Uint8Array,
  ) {
    super(message);
  }
}

/** Compares in constant time, so the token cannot be guessed byte by byte from response times. */
export const sameSecret = (given: string, expected: string): boolean => {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
};

/** Destinations compare without case in the host part, as DNS does. */
const sameDestination = (given: string, expected: string): boolean => given.trim().toLowerCase() === expected.toLowerCase();

const linkRefusal = (error: LinkError): Refusal => {
  const timedOut = error.kind === 'timeout';
  const outcome: RelayOutcome = timedOut
    ? 'timeout'
    : error.kind === 'tls'
      ? 'tls-failed'
      : error.kind === 'protocol'
        ? 'bad-request'
        : 'unreachable';
  const status = timedOut ? Status.gatewayTimeout : Status.badGateway;
  return new Refusal(
    outcome,
    error.message,
    generalError({ httpStatusCode: status, ...(error.wsaCode ? { wsaLastError: error.wsaCode } : {}) }),
  );
};

/**
 * One relayed session: read the RDCleanPath request, check token and destination, reach the office PC, negotiate,
 * upgrade to TLS, let the trust decision see the certificate, answer, then move bytes both ways until either closes.
 */
export const serveSession = async (ws: WebSocket, grant: SessionGrant, deps: SessionDeps): Promise<void> => {
  const { log } = deps;
  const inbox = new RequestInbox(ws);
  let tcp: Socket | undefined;
  let secure: TLSSocket | undefined;
  ws.on('close', () => {
    secure?.destroy();
    tcp?.destroy();
  });
  try {
    const { request } = await inbox.request(MAX_REQUEST_BYTES, deps.timeouts.requestMs).catch((error: Error) => {
      throw new Refusal('bad-request', error.message, generalError({ httpStatusCode: Status.badRequest }));
    });
    const parsed = decodeRequest(request);
    if (!sameSecret(parsed.proxyAuth, grant.token))
      throw new Refusal('refused-token', 'the request carried the wrong token', generalError({ httpStatusCode: Status.unauthorized }));
    if (!sameDestination(parsed.destination, grant.destination)) {
      throw new Refusal(
        'refused-destination',
        `destination ${parsed.destination} is not the office PC of the profile`,
        generalError({ httpStatusCode: Status.forbidden }),
      );
    }
    if (!isConnectionRequest(parsed.x224ConnectionRequest))
      throw new Refusal(
        'bad-request',
        'x224_connection_pdu is not an X.224 Connection Request',
        generalError({ httpStatusCode: Status.badRequest }),
      );

    tcp = await openTcp(grant.host, grant.port, deps.timeouts.connectMs);
    paneStillThere(ws);
    tcp.on('error', (error) =>
      log.debug('office PC socket error', { session: grant.sessionId, error: asLinkError(error, 'office PC').message }),
    );
    tcp.setKeepAlive(true, KEEPALIVE_MS);
    tcp.setNoDelay(true);
    const confirm = await exchangeX224(tcp, parsed.x224ConnectionRequest, deps.timeouts.x224Ms);
    const negotiated = parseNegotiation(confirm);
    secure = await upgradeToTls(tcp, grant.host, deps.timeouts.tlsMs);
    secure.on('error', (error) => log.debug('office PC TLS error', { session: grant.sessionId, error: error.message }));
    const chain = certificateChain(secure);
    if (chain.length === 0)
      throw new Refusal('tls-failed', 'the office PC presented no certificate', generalError({ httpStatusCode: Status.badGateway }));
    const verdict = await deps.judge(grant.destination, chain);
    if (!verdict.trusted)
      throw new Refusal(
        'certificate-untrusted',
        `certificate ${verdict.question.kind}`,
        generalError({ httpStatusCode: Status.certificate }),
      );
    paneStillThere(ws);

    ws.send(connectionResponse(confirm, chain, secure.remoteAddress ?? grant.host));
    log.info('relaying', { session: grant.sessionId, destination: grant.destination, protocol: negotiated });
    deps.report('relaying');
    pipe(ws, inbox, secure, negotiated, (outcome, detail) => deps.report(outcome, detail));
  } catch (error) {
    const refusal =
      error instanceof Refusal
        ? error
        : error instanceof LinkError
          ? linkRefusal(error)
          : new Refusal('bad-request', (error as Error).message, generalError({ httpStatusCode: Status.badGateway }));
    log.info('relay session refused', { session: grant.sessionId, outcome: refusal.outcome, reason: refusal.message });
    deps.report(refusal.outcome, refusal.message);
    secure?.destroy();
    tcp?.destroy();
    if (ws.readyState === ws.OPEN) ws.send(refusal.pdu, () => ws.close(1000));
  }
};

/** The pane may leave while the office PC is being reached: then nothing must stay open for nobody. */
const paneStillThere = (ws: WebSocket): void => {
  if (ws.readyState !== ws.OPEN) throw new Refusal('closed', 'the pane left before the office PC answered', generalError());
};

const decodeRequest = (bytes: Uint8Array) => {
  try {
    const request = asConnectionRequest(decodePdu(bytes));
    if (typeof request === 'string') throw new DerError(request);
    return request;
  } catch (error) {
    throw new Refusal(
      'bad-request',
      `not an RDCleanPath request: ${(error as Error).message}`,
      generalError({ httpStatusCode: Status.badRequest }),
    );
  }
};

/** The protocol the server chose, or a refusal carrying its own Connection Confirm so IronRDP can name the failure. */
const parseNegotiation = (confirm: Uint8Array): number => {
  let parsed: ReturnType<typeof parseConnectionConfirm>;
  try {
    parsed = parseConnectionConfirm(confirm);
  } catch (error) {
    throw new Refusal('bad-request', (error as Error).message, generalError({ httpStatusCode: Status.badGateway }));
  }
  if (parsed.kind === 'failure')
    throw new Refusal(
      'negotiation-failed',
      negotiationFailureText[parsed.code] ?? `negotiation failure ${parsed.code}`,
      negotiationError(confirm),
    );
  if (parsed.kind === 'legacy' || parsed.protocol === Protocol.rdp) {
    throw new Refusal('negotiation-failed', 'the office PC offers only standard RDP security, without TLS', negotiationError(confirm));
  }
  return parsed.protocol;
};

/** CredSSP runs inside TLS before any RDP frame: the client's first TPKT frame (0x03) means it is over. */
const TPKT_FIRST_BYTE = 0x03;

const pipe = (
  ws: WebSocket,
  inbox: RequestInbox,
  secure: TLSSocket,
  protocol: number,
  onClosed: (outcome: RelayOutcome, detail?: string) => void,
): void => {
  let closed = false;
  let authenticating = (protocol & (Protocol.hybrid | Protocol.hybridEx)) !== 0;
  const finish = (byOfficePc: boolean): void => {
    if (closed) return;
    closed = true;
    // Servers that refuse NLA credentials may just hang up (FreeRDP does) instead of sending a CredSSP error code.
    if (byOfficePc && authenticating)
      onClosed('authentication-failed', 'the office PC closed the connection during Network Level Authentication');
    else onClosed('closed');
    secure.destroy();
    if (ws.readyState === ws.OPEN) ws.close(1000);
  };
  secure.on('data', (chunk: Buffer) => {
    ws.send(chunk, () => {
      if (secure.isPaused() && ws.bufferedAmount < HIGH_WATER / 2) secure.resume();
    });
    if (ws.bufferedAmount > HIGH_WATER) secure.pause();
  });
  inbox.drainTo((chunk) => {
    if (authenticating && chunk[0] === TPKT_FIRST_BYTE) authenticating = false;
    if (!secure.write(chunk)) {
      ws.pause();
      secure.once('drain', () => ws.resume());
    }
  });
  secure.on('close', () => finish(true));
  ws.on('close', () => finish(false));
  ws.on('error', () => finish(false));
};
