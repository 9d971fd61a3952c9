import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request as httpRequest, type IncomingMessage, type RequestListener } from 'node:http';
import { createServer as createHttpsServer, request as httpsRequest, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { Readable } from 'node:stream';
import { join } from 'node:path';

/** A throw-away self-signed certificate for 127.0.0.1 (P-256, one day), made with openssl. */
export const throwAwayCertificate = (): { key: string; cert: string } => {
  const dir = mkdtempSync(join(tmpdir(), 'scrivania-tls-'));
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
      '-keyout',
      join(dir, 'key.pem'),
      '-out',
      join(dir, 'cert.pem'),
    ],
    { stdio: 'ignore' },
  );
  const pair = { key: readFileSync(join(dir, 'key.pem'), 'utf8'), cert: readFileSync(join(dir, 'cert.pem'), 'utf8') };
  rmSync(dir, { recursive: true, force: true });
  return pair;
};

/** An https server on 127.0.0.1 with a throw-away certificate; `fetch` trusts exactly that certificate. */
export const startTlsServer = async (listener: RequestListener): Promise<{ origin: string; cert: string; close: () => Promise<void> }> => {
  const { key, cert } = throwAwayCertificate();
  const server: Server = createHttpsServer({ key, cert }, listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `https://127.0.0.1:${(server.address() as AddressInfo).port}`,
    cert,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
};

const toResponse = (message: IncomingMessage): Response => {
  const headers = new Headers();
  for (const [name, value] of Object.entries(message.headers))
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  const status = message.statusCode ?? 500;
  const body = status === 204 || status === 304 ? null : (Readable.toWeb(message) as ReadableStream<Uint8Array>);
  return new Response(body, { status, headers });
};

/**
 * A `fetch` over node:http and node:https that trusts `ca` and follows redirects as the platform's fetch does
 * (`redirect: 'follow'`, the default, to http as well) unless the caller asks for `manual`.
 */
export const fetchTrusting =
  (ca: string): typeof fetch =>
  async (input, init) => {
    let url = new URL(input instanceof Request ? input.url : input);
    const headers: Record<string, string> = {};
    new Headers(init?.headers).forEach((value, name) => (headers[name] = value));
    for (let hop = 0; hop <= 20; hop++) {
      const response = await new Promise<Response>((resolve, reject) => {
        const options = { method: 'GET', headers, ...(init?.signal ? { signal: init.signal } : {}) };
        const request =
          url.protocol === 'https:'
            ? httpsRequest(url, { ...options, ca }, (message) => resolve(toResponse(message)))
            : httpRequest(url, options, (message) => resolve(toResponse(message)));
        request.on('error', reject).end();
      });
      const location = response.headers.get('location');
      if (init?.redirect === 'manual' || response.status < 300 || response.status >= 400 || !location) return response;
      await response.body?.cancel();
      url = new URL(location, url);
    }
    throw new TypeError('fetch failed: too many redirects');
  };
