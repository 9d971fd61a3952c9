import { createHash, randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

interface Served {
  body: Uint8Array;
  status: number;
  contentType: string;
}

/**
 * A real HTTP server on 127.0.0.1 playing the organisation's update server: the channel files and installers a
 * test publishes under /scrivania/, each request counted, or a failure (an HTTP status, or no answer at all).
 */
export const startUpdateServer = async () => {
  const files = new Map<string, Served>();
  const requests: string[] = [];
  const hanging: ServerResponse[] = [];
  let failure: { kind: 'status'; status: number } | { kind: 'hang' } | undefined;

  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    requests.push(path);
    if (failure?.kind === 'hang') return void hanging.push(response);
    if (failure?.kind === 'status')
      return void response.writeHead(failure.status, { 'content-type': 'text/plain' }).end('the update server is having a bad day');
    const served = files.get(path);
    if (!served) return void response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    response.writeHead(served.status, { 'content-type': served.contentType, 'content-length': served.body.byteLength }).end(served.body);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/scrivania/`,
    requests,
    publish(name: string, body: Uint8Array | string, contentType = 'application/octet-stream'): void {
      files.set(`/scrivania/${name}`, { body: typeof body === 'string' ? new TextEncoder().encode(body) : body, status: 200, contentType });
    },
    failWith(status: number): void {
      failure = { kind: 'status', status };
    },
    hang(): void {
      failure = { kind: 'hang' };
    },
    recover(): void {
      failure = undefined;
    },
    async close(): Promise<void> {
      hanging.splice(0).forEach((response) => response.destroy());
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
    /** Listens again on the same port after close(), as a restarted server would. */
    async reopen(): Promise<void> {
      server.listen(port, '127.0.0.1');
      await once(server, 'listening');
    },
  };
};

export type UpdateServer = Awaited<ReturnType<typeof startUpdateServer>>;

export interface Release {
  version: string;
  fileName: string;
  payload: Uint8Array;
  sha512: string;
}

/** An installer payload of random bytes and its sha512 in base64, as electron-builder computes it. */
export const makeRelease = (version: string, fileName = `Scrivania-Setup-${version}.exe`, bytes = 200_000): Release => {
  const payload = randomBytes(bytes);
  return { version, fileName, payload, sha512: createHash('sha512').update(payload).digest('base64') };
};

/** A channel file written the way electron-builder writes latest.yml. */
export const channelYaml = (release: Release, overrides: { sha512?: string; size?: number } = {}): string =>
  [
    `version: ${release.version}`,
    'files:',
    `  - url: ${release.fileName}`,
    `    sha512: ${overrides.sha512 ?? release.sha512}`,
    `    size: ${overrides.size ?? release.payload.byteLength}`,
    `path: ${release.fileName}`,
    `sha512: ${overrides.sha512 ?? release.sha512}`,
    "releaseDate: '2026-11-30T09:41:12.345Z'",
    '',
  ].join('\n');

/** Publishes a release's installer and its channel file (latest.yml unless named). */
export const publishRelease = (
  server: UpdateServer,
  release: Release,
  channelFile = 'latest.yml',
  overrides: { sha512?: string; size?: number } = {},
): void => {
  server.publish(release.fileName, release.payload);
  server.publish(channelFile, channelYaml(release, overrides), 'text/yaml');
};
