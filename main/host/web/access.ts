import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** The WebSocket subprotocol the page asks for; the token rides beside it as `token.<token>`. */
export const CONTRACT_PROTOCOL = 'scrivania';
const TOKEN_PROTOCOL_PREFIX = 'token.';

/**
 * Who may speak the contract: only this run's token holder, from our own loopback origin. The token never goes into
 * a cookie: cookies ignore the port, so every other server on 127.0.0.1 would receive it. The page keeps it in its
 * own origin's sessionStorage and offers it in the WebSocket handshake; a program passes `?token=` on the socket's URL.
 */
export class WebAccess {
  constructor(
    private readonly token: string,
    private readonly port: () => number,
  ) {}

  /** The Host header must name us: a DNS-rebinding page carries its own host name. */
  hostAllowed(request: IncomingMessage): boolean {
    return this.origins().some((origin) => origin === `http://${request.headers.host ?? ''}`);
  }

  originAllowed(request: IncomingMessage): boolean {
    return this.origins().includes(request.headers.origin ?? '');
  }

  /** The token the page offered as a subprotocol, or the one a program put in the socket's URL. */
  tokenFrom(request: IncomingMessage): string | undefined {
    const offered = (request.headers['sec-websocket-protocol'] ?? '')
      .split(',')
      .map((protocol) => protocol.trim())
      .find((protocol) => protocol.startsWith(TOKEN_PROTOCOL_PREFIX));
    if (offered) return offered.slice(TOKEN_PROTOCOL_PREFIX.length);
    return new URL(request.url ?? '/', 'http://127.0.0.1').searchParams.get('token') ?? undefined;
  }

  tokenValid(candidate: string | undefined): boolean {
    if (candidate === undefined) return false;
    const given = Buffer.from(candidate);
    const expected = Buffer.from(this.token);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  private origins(): string[] {
    return [`http://127.0.0.1:${this.port()}`, `http://localhost:${this.port()}`];
  }
}
