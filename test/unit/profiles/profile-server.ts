import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ProfileRequest {
  path: string;
  ifNoneMatch?: string;
}

/**
 * A real HTTP server on 127.0.0.1 serving one profile with an ETag, as the help desk's web server would:
 * 200 with the body, 304 when If-None-Match matches, or whatever failure a test asks for.
 */
export const startProfileServer = async () => {
  let body: Uint8Array | undefined;
  let etag: string | undefined;
  let mode: { kind: 'serve' } | { kind: 'status'; status: number } | { kind: 'hang' } = { kind: 'serve' };
  const requests: ProfileRequest[] = [];
  const hanging: ServerResponse[] = [];

  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const ifNoneMatch = request.headers['if-none-match'];
    requests.push(ifNoneMatch === undefined ? { path: request.url ?? '' } : { path: request.url ?? '', ifNoneMatch });
    if (mode.kind === 'hang') return void hanging.push(response);
    if (mode.kind === 'status')
      return void response.writeHead(mode.status, { 'content-type': 'text/plain' }).end('the server is having a bad day');
    if (!body || !etag) return void response.writeHead(404).end();
    if (ifNoneMatch === etag) return void response.writeHead(304, { etag }).end();
    response.writeHead(200, { 'content-type': 'application/json', etag }).end(body);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;

  return {
    origin: `http://127.0.0.1:${port}`,
    url: `http://127.0.0.1:${port}/scrivania/profile.json`,
    requests,
    publish(bytes: Uint8Array): string {
      body = bytes;
      etag = `"${createHash('sha256').update(bytes).digest('hex').slice(0, 16)}"`;
      mode = { kind: 'serve' };
      return etag;
    },
    failWith(status: number): void {
      mode = { kind: 'status', status };
    },
    hang(): void {
      mode = { kind: 'hang' };
    },
    async close(): Promise<void> {
      hanging.forEach((response) => response.destroy());
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
};

export type ProfileServer = Awaited<ReturnType<typeof startProfileServer>>;
