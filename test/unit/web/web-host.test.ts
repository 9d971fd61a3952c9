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
  token = new URLSearchParams(url.hash.slice(1)).get('token') ?? '';
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

/** The page's way in: the contract's subprotocol with the token beside it, unless a test offers others. */
const openSocket = (headers: Record<string, string>, path = '/ws', protocols: string[] = ['scrivania', `token.${token}`]) =>
  new Promise<{ status: number; socket?: WebSocket }>((resolve) => {
    const socket = new WebSocket(`ws://127.0.0.1:${host.port}${path}`, protocols, { headers });
    socket.on('unexpected-response', (_req, res) => resolve({ status: res.statusCode ?? 0 }));
    socket.on('open', () => resolve({ status: 101, socket }));
  });

const nextMessage = (socket: WebSocket) =>
  new Promise<unknown>((resolve) => socket.once('message', (data) => resolve(JSON.parse(data.toString()))));

describe('web host access', () => {
  it('listens on 127.0.0.1 only, the token in the fragment that no browser sends to a server', () => {
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]{32}$/);
  });

  it('serves the renderer (the public bundle) with the strict CSP and never sets a cookie', async () => {
    const page = await get('/');
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['set-cookie']).toBeUndefined();
    const asset = await get('/assets/main.js');
    expect(asset.status).toBe(200);
    expect(asset.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(asset.headers['set-cookie']).toBeUndefined();
  });

  it('opens the contract for the token offered in the handshake or in the socket URL, never for a cookie', async () => {
    const offered = await openSocket({ Origin: origin });
    expect(offered.status).toBe(101);
    expect(offered.socket?.protocol).toBe('scrivania');
    offered.socket?.close();
    const inUrl = await openSocket({ Origin: origin }, `/ws?token=${token}`, []);
    expect(inUrl.status).toBe(101);
    inUrl.socket?.close();
    expect((await openSocket({ Origin: origin, Cookie: `scrivania_token=${token}` }, '/ws', [])).status).toBe(401);
    expect((await openSocket({ Origin: origin }, '/ws', ['scrivania', 'token.wrong'])).status).toBe(401);
  });

  it('refuses a foreign Host header, as a DNS-rebinding page would send', async () => {
    expect((await get('/', { Host: 'evil.example:80' })).status).toBe(421);
  });

  it('never serves files outside the renderer folder', async () => {
    expect((await get('/../outside-renderer.txt')).status).toBe(404);
    expect((await get('/%2e%2e/outside-renderer.txt')).status).toBe(404);
  });

  it('refuses a WebSocket without the token, from a foreign origin, or on another path', async () => {
    expect((await openSocket({ Origin: origin }, '/ws', ['scrivania'])).status).toBe(401);
    expect((await openSocket({ Origin: 'http://evil.example' })).status).toBe(403);
    expect((await openSocket({})).status).toBe(403);
    expect((await openSocket({ Origin: origin }, '/other')).status).toBe(403);
    expect(records.some((record) => record.message === 'refused a WebSocket' && record['reason'] === 'foreign origin')).toBe(true);
  });

  it('answers malformed messages with typed errors and keeps the connection', async () => {
    const { socket } = await openSocket({ Origin: origin });
    if (!socket) throw new Error('the socket did not open');
    socket.send('{not json');
    expect(await nextMessage(socket)).toMatchObject({ t: 'error', error: { code: 'bad-request', path: 't' } });
    socket.send(JSON.stringify({ t: 'request', id: 1, key: 'app.info', payload: { port: 1 } }));
    expect(await nextMessage(socket)).toMatchObject({ t: 'response', id: 1, ok: false, error: { code: 'bad-request', path: 'port' } });
    socket.send(JSON.stringify({ t: 'request', id: 2, key: 'app.info', payload: {} }));
    expect(await nextMessage(socket)).toMatchObject({ t: 'response', id: 2, ok: true, value: { host: 'web' } });
    socket.close();
  });

  it('closes a message over 16 MB with 1009 and a reason that says the limit', async () => {
    const { socket } = await openSocket({ Origin: origin });
    if (!socket) throw new Error('the socket did not open');
    const closed = new Promise<[number, string]>((resolve) => socket.once('close', (code, reason) => resolve([code, reason.toString()])));
    socket.on('error', () => undefined);
    socket.send(JSON.stringify({ t: 'request', id: 1, key: 'app.info', payload: { x: 'x'.repeat(16 * 1024 * 1024) } }));
    expect(await closed).toEqual([1009, 'A message may be at most 16 MB.']);
  });

  it('carries stream chunks as binary frames', async () => {
    const { socket } = await openSocket({ Origin: origin });
    if (!socket) throw new Error('the socket did not open');
    socket.send(JSON.stringify({ t: 'stream.open', id: 5, key: 'app.loopback', params: { label: 'bytes' } }));
    expect(await nextMessage(socket)).toEqual({ t: 'response', id: 5, ok: true, value: null });
    const echoed = new Promise<Buffer>((resolve) => socket.once('message', (data) => resolve(data as Buffer)));
    socket.send(Buffer.from([0, 0, 0, 5, 0xca, 0xfe]));
    expect([...(await echoed)]).toEqual([0, 0, 0, 5, 0xca, 0xfe]);
    socket.close();
  });
});
