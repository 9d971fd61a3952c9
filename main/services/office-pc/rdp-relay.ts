import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { OfficePcSessionTicket, RelayOutcome, SessionOutcome } from '../../../common/contract/office-pc';
import { destinationOf } from '../../../common/office-pc/office-pc-config';
import type { Logger } from '../logging/logger';
import type { TrustVerdict } from './certificate-trust';
import { DEFAULT_RELAY_TIMEOUTS, sameSecret, serveSession, type RelayTimeouts, type SessionGrant } from './relay-session';
import { registerSecret } from '../logging/secret-registry';

export interface RdpRelayPorts {
  log: Logger;
  judge(destination: string, chain: Uint8Array[]): Promise<TrustVerdict>;
  /** Called whenever a session starts or stops relaying, or is refused. */
  onChange?(): void;
  timeouts?: Partial<RelayTimeouts>;
  /** How long an issued ticket waits for its WebSocket. */
  ticketTtlMs?: number;
  clock?: () => number;
  /**
   * The origin of the host's own page (the web host's `http://127.0.0.1:<its port>`, Electron's `app://scrivania`):
   * only it may open the relay. Without it, any loopback page or app:// is let in (tests).
   */
  rendererOrigin?: () => string | undefined;
}

interface SessionRecord {
  grant: SessionGrant;
  expiresAt: number;
  outcome: RelayOutcome;
  detail?: string;
  /** Set when a WebSocket presented the ticket: it is never accepted again. */
  used: boolean;
  ws?: WebSocket;
  /** The renderer said its RDP client signed in over this session: only then is the employee connected. */
  signedIn?: boolean;
}

/** Sessions by how far they got: a ticket out or bytes flowing before sign-in (connecting), signed in (connected). */
export interface SessionCounts {
  relaying: number;
  connecting: number;
  connected: number;
}

const LOOPBACK = '127.0.0.1';
const PATH_PREFIX = '/rdcleanpath/';
const DEFAULT_TICKET_TTL_MS = 60_000;
const MAX_FINISHED_KEPT = 20;
const MAX_MESSAGE_BYTES = 16 * 1024 * 1024;
/** Without the host's own origin: the web host's page on any loopback port and the Electron app:// page (plus tools sending no Origin). */
const ALLOWED_ORIGIN = /^(?:http:\/\/127\.0\.0\.1:\d{1,5}|app:\/\/scrivania)$/;

const randomId = (bytes: number): string => randomBytes(bytes).toString('base64url');

/**
 * The RDCleanPath relay between IronRDP in the renderer and the office PC: a WebSocket server on 127.0.0.1 only,
 * on a port the OS picks, started at the first session. Each session needs its own ticket (a random token, usable
 * once, for the profile's office PC only).
 */
export class RdpRelay {
  private server: Server | undefined;
  private starting: Promise<number> | undefined;
  private readonly sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  private readonly sessions = new Map<string, SessionRecord>();
  private readonly timeouts: RelayTimeouts;
  private readonly clock: () => number;

  constructor(private readonly ports: RdpRelayPorts) {
    this.timeouts = { ...DEFAULT_RELAY_TIMEOUTS, ...ports.timeouts };
    this.clock = ports.clock ?? Date.now;
  }

  /** The port once listening; undefined before the first session. */
  get port(): number | undefined {
    const address = this.server?.address();
    return address && typeof address === 'object' ? address.port : undefined;
  }

  /** A ticket for one session to `host:port`, starting the relay if needed. */
  async issue(host: string, port: number, account: { username?: string; domain?: string } = {}): Promise<OfficePcSessionTicket> {
    const relayPort = await this.listen();
    this.prune();
    const grant: SessionGrant = { sessionId: randomId(12), token: randomId(32), host, port, destination: destinationOf(host, port) };
    registerSecret(grant.token);
    this.sessions.set(grant.sessionId, {
      grant,
      expiresAt: this.clock() + (this.ports.ticketTtlMs ?? DEFAULT_TICKET_TTL_MS),
      outcome: 'pending',
      used: false,
    });
    return {
      sessionId: grant.sessionId,
      relayUrl: `ws://${LOOPBACK}:${relayPort}${PATH_PREFIX}${grant.sessionId}?token=${grant.token}`,
      authToken: grant.token,
      destination: grant.destination,
      ...(account.username ? { username: account.username } : {}),
      ...(account.domain ? { domain: account.domain } : {}),
    };
  }

  outcome(sessionId: string): SessionOutcome | undefined {
    const record = this.sessions.get(sessionId);
    if (!record) return undefined;
    return record.detail === undefined ? { outcome: record.outcome } : { outcome: record.outcome, detail: record.detail };
  }

  activeCount(): number {
    return this.counts().relaying;
  }

  counts(): SessionCounts {
    const now = this.clock();
    const counts: SessionCounts = { relaying: 0, connecting: 0, connected: 0 };
    for (const record of this.sessions.values()) {
      if (record.outcome === 'relaying') counts.relaying += 1;
      if (record.outcome === 'relaying' && record.signedIn) counts.connected += 1;
      else if (record.outcome === 'relaying' || (record.outcome === 'pending' && (record.used || now <= record.expiresAt)))
        counts.connecting += 1;
    }
    return counts;
  }

  /** The renderer's RDP client signed in over this session; false unless its bytes are flowing. */
  markSignedIn(sessionId: string): boolean {
    const record = this.sessions.get(sessionId);
    if (!record || record.outcome !== 'relaying') return false;
    if (!record.signedIn) {
      record.signedIn = true;
      this.ports.onChange?.();
    }
    return true;
  }

  /** Ends a session's relay; false when it was not open. */
  close(sessionId: string): boolean {
    const record = this.sessions.get(sessionId);
    if (!record) return false;
    if (!record.used) {
      record.used = true;
      this.finish(record, 'closed', 'closed before it was used');
      return true;
    }
    if (!record.ws || record.ws.readyState === record.ws.CLOSED) return false;
    record.ws.terminate();
    return true;
  }

  /** Ends every session, also those of a previous office PC, e.g. when the profile names another one. */
  closeAll(): void {
    for (const sessionId of this.sessions.keys()) this.close(sessionId);
  }

  async stop(): Promise<void> {
    this.closeAll();
    this.sockets.clients.forEach((client) => client.terminate());
    const server = this.server;
    this.server = undefined;
    this.starting = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private originAllowed(origin: string): boolean {
    const own = this.ports.rendererOrigin?.();
    return own === undefined ? ALLOWED_ORIGIN.test(origin) : origin === own;
  }

  /** Listens on a loopback port the OS picks; the first session starts it, or the service does at once. */
  listen(): Promise<number> {
    this.starting ??= new Promise<number>((resolve, reject) => {
      const server = createServer((_request, response) => {
        response.writeHead(426, { 'Content-Type': 'text/plain' });
        response.end('RDCleanPath relay: WebSocket only\n');
      });
      server.on('upgrade', (request, socket, head) => this.upgrade(request, socket, head));
      server.once('error', (error) => {
        this.starting = undefined;
        reject(error);
      });
      server.listen(0, LOOPBACK, () => {
        this.server = server;
        const { port } = server.address() as AddressInfo;
        this.ports.log.info('RDP relay listening', { address: LOOPBACK, port });
        resolve(port);
      });
    });
    return this.starting;
  }

  private upgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    const checked = this.admit(request);
    if ('refusal' in checked) {
      this.ports.log.warn('relay refused a WebSocket', { reason: checked.refusal });
      socket.end(`HTTP/1.1 ${checked.status}\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\n${checked.refusal}\n`);
      return;
    }
    const record = checked.record;
    record.used = true;
    this.sockets.handleUpgrade(request, socket, head, (ws) => {
      record.ws = ws;
      ws.on('error', (error) => this.ports.log.debug('relay WebSocket error', { session: record.grant.sessionId, error: error.message }));
      ws.on('close', () => {
        if (record.outcome === 'relaying' || record.outcome === 'pending') this.finish(record, 'closed');
      });
      void serveSession(ws, record.grant, {
        log: this.ports.log,
        timeouts: this.timeouts,
        judge: (destination, chain) => this.ports.judge(destination, chain),
        report: (outcome, detail) => this.finish(record, outcome, detail),
      });
    });
  }

  /** The session a WebSocket may open: loopback Host, our own renderer's Origin, a known session, its token, unused and in time. */
  private admit(request: IncomingMessage): { record: SessionRecord } | { refusal: string; status: string } {
    const url = new URL(request.url ?? '/', `http://${LOOPBACK}`);
    const host = request.headers.host ?? '';
    if (host !== `${LOOPBACK}:${this.port}`) return { refusal: 'unknown host', status: '421 Misdirected Request' };
    const origin = request.headers.origin;
    if (origin !== undefined && !this.originAllowed(origin)) return { refusal: 'foreign origin', status: '403 Forbidden' };
    if (!url.pathname.startsWith(PATH_PREFIX)) return { refusal: 'not a relay path', status: '404 Not Found' };
    const token = url.searchParams.get('token');
    if (!token) return { refusal: 'missing token', status: '401 Unauthorized' };
    const record = this.sessions.get(url.pathname.slice(PATH_PREFIX.length));
    if (!record || !sameSecret(token, record.grant.token)) return { refusal: 'wrong token', status: '401 Unauthorized' };
    if (record.used) return { refusal: 'ticket already used', status: '401 Unauthorized' };
    if (this.clock() > record.expiresAt) {
      record.used = true;
      this.finish(record, 'closed', 'ticket expired unused');
      return { refusal: 'ticket expired', status: '401 Unauthorized' };
    }
    return { record };
  }

  private finish(record: SessionRecord, outcome: RelayOutcome, detail?: string): void {
    const previous = record.outcome;
    // A refusal or the relaying state is the news; the close that follows must not overwrite it.
    if (outcome === 'closed' && previous !== 'pending' && previous !== 'relaying') return;
    record.outcome = outcome;
    if (detail === undefined) delete record.detail;
    else record.detail = detail;
    this.ports.onChange?.();
  }

  /** Forgets old finished sessions and expired tickets, keeping the last few outcomes for the pane to ask about. */
  private prune(): void {
    const now = this.clock();
    const finished: string[] = [];
    for (const [sessionId, record] of this.sessions) {
      if (!record.used && now > record.expiresAt) this.sessions.delete(sessionId);
      else if (record.outcome !== 'pending' && record.outcome !== 'relaying') finished.push(sessionId);
    }
    for (const sessionId of finished.slice(0, Math.max(0, finished.length - MAX_FINISHED_KEPT))) this.sessions.delete(sessionId);
  }
}
