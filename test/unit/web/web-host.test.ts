import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { testBackend } from '../../support/test-backend';
import { startWebHost, type WebHost } from '../../../main/host/web/web-host';
import { memoryLog } from '../../support/memory-log';

let host: WebHost;
let origin: string;
let token: string;
const { log, records } = memoryLog();

beforeAll(async () => {
  const rendererDir = mkdtempSync(join(tmpdir(), 'scrivania-renderer-'));
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Scrivania</title>');
  mkdirSync(join(rendererDir, 'assets'));
  writeFileSync(join(rendererDir, 'assets', 'main.js'), 'export {};');
  writeFileSync(join(rendererDir, '..', 'outside-renderer.txt'), 'private');
  host = await startWebHost({ parts: testBackend('web', log).parts, rendererDir, log });
  const url = new URL(host.url);
  origin = url.origin;
  token = url.searchParams.get('token') ?? '';
});

afterAll(() => host.close());

/** A raw GET, so the Host header and path are exactly what we say (fetch would normalise them). */
const get = (path: string, headers: Record<string, string> = {}) =>
  new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: host.port, path, headers: { Host: `127.0.0.1:${host.port}`, ...headers } }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });

const openSocket = (headers: Record<string, string>, path = '/ws') =>
  new Promise<{ status: number; socket?: WebSocket }>((resolve) => {
    const socket = new WebSocket(`ws://127.0.0.1:${host.port}${path}`, { headers });
    socket.on('unexpected-response', (_req, res) => resolve({ status: res.statusCode ?? 0 }));
    socket.on('open', () => resolve({ status: 101, socket }));
  });

const nextMessage = (socket: WebSocket) =>
  new Promise<unknown>((resolve) => socket.once('message', (data) => resolve(JSON.parse(data.toString()))));

describe('web host access', () => {
  it('listens on 127.0.0.1 only', () => {
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{32}$/);
  });

  it('answers 401 without the token and with a wrong one', async () => {
    expect((await get('/')).status).toBe(401);
    expect((await get('/?token=wrong')).status).toBe(401);
    expect((await get('/', { Cookie: 'scrivania_token=wrong' })).status).toBe(401);
  });

  it('serves the page for the token and sets an HttpOnly cookie that then suffices', async () => {
    const first = await get(`/?token=${token}`);
    expect(first.status).toBe(200);
    expect(first.headers['set-cookie']?.[0]).toMatch(/^scrivania_token=.+; HttpOnly; SameSite=Strict; Path=\//);
    expect(first.headers['content-security-policy']).toContain("script-src 'self'");
    const asset = await get('/assets/main.js', { Cookie: `scrivania_token=${token}` });
    expect(asset.status).toBe(200);
    expect(asset.headers['content-type']).toBe('text/javascript; charset=utf-8');
  });

  it('refuses a foreign Host header, as a DNS-rebinding page would send', async () => {
    expect((await get(`/?token=${token}`, { Host: 'evil.example:80' })).status).toBe(421);
  });

  it('never serves files outside the renderer folder', async () => {
    expect((await get(`/../outside-renderer.txt?token=${token}`)).status).toBe(404);
    expect((await get(`/%2e%2e/outside-renderer.txt?token=${token}`)).status).toBe(404);
  });

  it('refuses a WebSocket without the token, from a foreign origin, or on another path', async () => {
    expect((await openSocket({ Origin: origin })).status).toBe(401);
    expect((await openSocket({ Origin: 'http://evil.example', Cookie: `scrivania_token=${token}` })).status).toBe(403);
    expect((await openSocket({ Cookie: `scrivania_token=${token}` })).status).toBe(403);
    expect((await openSocket({ Origin: origin, Cookie: `scrivania_token=${token}` }, '/other')).status).toBe(403);
    expect(records.some((record) => record.message === 'refused a WebSocket' && record['reason'] === 'foreign origin')).toBe(true);
  });

  it('answers malformed messages with typed errors and keeps the connection', async () => {
    const { socket } = await openSocket({ Origin: origin, Cookie: `scrivania_token=${token}` });
    if (!socket) throw new Error('the socket did not open');
    socket.send('{not json');
    expect(await nextMessage(socket)).toMatchObject({ t: 'error', error: { code: 'bad-request', path: 't' } });
    socket.send(JSON.stringify({ t: 'request', id: 1, key: 'app.info', payload: { port: 1 } }));
    expect(await nextMessage(socket)).toMatchObject({ t: 'response', id: 1, ok: false, error: { code: 'bad-request', path: 'port' } });
    socket.send(JSON.stringify({ t: 'request', id: 2, key: 'app.info', payload: {} }));
    expect(await nextMessage(socket)).toMatchObject({ t: 'response', id: 2, ok: true, value: { host: 'web' } });
    socket.close();
  });

  it('carries stream chunks as binary frames', async () => {
    const { socket } = await openSocket({ Origin: origin, Cookie: `scrivania_token=${token}` });
    if (!socket) throw new Error('the socket did not open');
    socket.send(JSON.stringify({ t: 'stream.open', id: 5, key: 'app.loopback', params: { label: 'bytes' } }));
    expect(await nextMessage(socket)).toEqual({ t: 'response', id: 5, ok: true, value: null });
    const echoed = new Promise<Buffer>((resolve) => socket.once('message', (data) => resolve(data as Buffer)));
    socket.send(Buffer.from([0, 0, 0, 5, 0xca, 0xfe]));
    expect([...(await echoed)]).toEqual([0, 0, 0, 5, 0xca, 0xfe]);
    socket.close();
  });
});
