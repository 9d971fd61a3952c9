import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const TOKEN_COOKIE = 'scrivania_token';

/** Who may talk to the web host: only this run's token holder, from our own loopback origin. */
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

  /** The token from `?token=` or from the cookie set when the page was first opened with it. */
  tokenFrom(request: IncomingMessage): string | undefined {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const fromQuery = url.searchParams.get('token');
    if (fromQuery) return fromQuery;
    const cookies = (request.headers.cookie ?? '').split(';').map((part) => part.trim().split('='));
    return cookies.find(([name]) => name === TOKEN_COOKIE)?.[1];
  }

  tokenValid(candidate: string | undefined): boolean {
    if (candidate === undefined) return false;
    const given = Buffer.from(candidate);
    const expected = Buffer.from(this.token);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  cookie(): string {
    return `${TOKEN_COOKIE}=${this.token}; HttpOnly; SameSite=Strict; Path=/`;
  }

  private origins(): string[] {
    return [`http://127.0.0.1:${this.port()}`, `http://localhost:${this.port()}`];
  }
}
