import { createHash } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A real ICS server on 127.0.0.1 for the calendar tests: Basic or bearer auth, ETag and Last-Modified with 304
 * answers, and switches to fail, stall, redirect or answer HTML. It records every request's headers.
 */
export interface CalendarServerOptions {
  username?: string;
  password?: string;
  token?: string;
  /** Send an ETag (default) or only Last-Modified. */
  validators?: 'etag' | 'last-modified';
}

export interface SeenRequest {
  path: string;
  headers: IncomingHttpHeaders;
  status: number;
}

export class CalendarServer {
  body = '';
  mode: 'serve' | 'fail' | 'stall' | 'html' = 'serve';
  /** Paths answered with a redirect to this URL. */
  redirects = new Map<string, string>();
  readonly seen: SeenRequest[] = [];
  private readonly server: Server;
  private readonly modified = new Date('2026-03-27T15:12:12Z');
  private readonly stalled = new Set<ServerResponse>();
  private port = 0;

  constructor(private readonly options: CalendarServerOptions = {}) {
    this.server = createServer((request, response) => {
      const path = request.url ?? '/';
      const answer = (status: number, headers: Record<string, string> = {}, body = ''): void => {
        this.seen.push({ path, headers: request.headers, status });
        response.writeHead(status, headers).end(body);
      };
      const redirect = this.redirects.get(path);
      if (redirect) return answer(302, { Location: redirect });
      if (!this.authorised(request.headers.authorization))
        return answer(401, { 'WWW-Authenticate': 'Basic realm="calendar"' }, 'Unauthorized');
      if (this.mode === 'fail') return answer(503, { 'Content-Type': 'text/plain' }, 'Service Unavailable');
      if (this.mode === 'stall') {
        this.seen.push({ path, headers: request.headers, status: 0 });
        this.stalled.add(response);
        return;
      }
      if (this.mode === 'html')
        return answer(200, { 'Content-Type': 'text/html; charset=utf-8' }, '<!DOCTYPE html><html><body>Sign in to Outlook</body></html>');
      const etag = `"${createHash('sha256').update(this.body).digest('hex').slice(0, 16)}"`;
      const lastModified = this.modified.toUTCString();
      const validators: Record<string, string> =
        this.options.validators === 'last-modified' ? { 'Last-Modified': lastModified } : { ETag: etag, 'Last-Modified': lastModified };
      const unchanged =
        this.options.validators === 'last-modified'
          ? request.headers['if-modified-since'] === lastModified
          : request.headers['if-none-match'] === etag;
      if (unchanged) return answer(304, validators);
      answer(200, { 'Content-Type': 'text/calendar; charset=utf-8', ...validators }, this.body);
    });
  }

  /** `port` 0 lets the kernel choose; a restart after stop() passes the port it had, so its URLs stay valid. */
  async start(port = 0): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(port, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  get origin(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  url(path = '/calendar.ics'): string {
    return `${this.origin}${path}`;
  }

  /** Changes the calendar, which changes its ETag. */
  publish(body: string): void {
    this.body = body;
    this.modified.setTime(this.modified.getTime() + 60_000);
  }

  async stop(): Promise<void> {
    for (const response of this.stalled) response.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private authorised(header: string | undefined): boolean {
    const { username, password, token } = this.options;
    if (token !== undefined) return header === `Bearer ${token}`;
    if (username === undefined) return true;
    return header === `Basic ${Buffer.from(`${username}:${password ?? ''}`).toString('base64')}`;
  }
}
