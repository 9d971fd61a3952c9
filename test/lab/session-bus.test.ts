import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KeychainSecretStore } from '../../main/services/credentials/keychain-secret-store';
import { parseBusAddress, probeBus, sessionBusProbe } from '../../main/services/credentials/session-bus';
import { memoryLog } from '../support/memory-log';
import { missingPeer, startSessionBus, type LabSessionBus } from './secret-service';

const missing = process.platform === 'linux' ? missingPeer('secret-service') : 'the session bus lab runs on Linux only';

/** A socket that accepts connections and never says a word, as a wedged dbus-daemon does. */
const silentBus = async (path: string): Promise<Server> => {
  const server = createServer((socket) => socket.on('data', () => undefined));
  server.listen(path);
  await once(server, 'listening');
  return server;
};

describe('D-Bus addresses', () => {
  it('finds the first address it can connect to, with its escapes undone', () => {
    expect(parseBusAddress('unix:path=/run/user/1000/bus')).toEqual({ path: '/run/user/1000/bus', where: '/run/user/1000/bus' });
    expect(parseBusAddress('unix:abstract=/tmp/dbus-Ab12,guid=0f3e')).toEqual({ path: '\0/tmp/dbus-Ab12', where: '@/tmp/dbus-Ab12' });
    expect(parseBusAddress('launchd:env=DBUS_LAUNCHD_SESSION_BUS_SOCKET;tcp:host=127.0.0.1,port=5566')).toEqual({
      host: '127.0.0.1',
      port: 5566,
      where: '127.0.0.1:5566',
    });
    expect(parseBusAddress('unix:path=/tmp/with%20space/bus')).toMatchObject({ path: '/tmp/with space/bus' });
    expect(parseBusAddress('unix:tmpdir=/tmp')).toBeUndefined();
    expect(parseBusAddress('nonsense')).toBeUndefined();
  });
});

describe.skipIf(missing)('the session bus probe against real sockets', () => {
  let dir: string;
  let bus: LabSessionBus;
  let silent: Server;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'scrivania-session-bus-'));
    silent = await silentBus(join(dir, 'silent-bus'));
    bus = await startSessionBus();
  });
  afterAll(async () => {
    silent?.close();
    await bus?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('hears a real dbus-daemon answer the handshake', async () => {
    expect(await sessionBusProbe({ DBUS_SESSION_BUS_ADDRESS: bus.env['DBUS_SESSION_BUS_ADDRESS'] })()).toEqual({ ok: true });
  });

  it('tells a bus that never answers from one that is not there', async () => {
    expect(await probeBus({ path: join(dir, 'silent-bus'), where: 'silent-bus' }, 300)).toEqual({
      ok: false,
      reason: 'the D-Bus session bus at silent-bus did not answer within 0.3 s',
    });
    expect(await probeBus({ path: join(dir, 'no-bus'), where: 'no-bus' }, 300)).toEqual({
      ok: false,
      reason: 'the D-Bus session bus at no-bus cannot be reached (ENOENT)',
    });
  });

  it('keeps the keychain off a bus that never answers: unavailable, and the keychain library is never called', async () => {
    const calls: string[] = [];
    const keychain = {
      read: async () => (calls.push('read'), null),
      write: async () => void calls.push('write'),
      remove: async () => (calls.push('remove'), true),
      dispose: async () => undefined,
    };
    const store = new KeychainSecretStore({
      log: memoryLog().log,
      keychain,
      sessionBus: sessionBusProbe({ DBUS_SESSION_BUS_ADDRESS: `unix:path=${join(dir, 'silent-bus')}` }, 300),
    });
    expect(await store.availability()).toMatchObject({ available: false });
    await expect(store.get('phone')).rejects.toThrow(/keychain/i);
    expect(calls).toEqual([]);
  });

  it('lets `scrivania doctor` finish and exit when the session bus never answers', async () => {
    const data = await mkdtemp(join(dir, 'data-'));
    const child = spawn(process.execPath, ['bin/scrivania.js', 'doctor', '--data-dir', data, '--lang', 'en'], {
      env: { ...process.env, DBUS_SESSION_BUS_ADDRESS: `unix:path=${join(dir, 'silent-bus')}` },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code).toBe(1);
    expect(out).toMatch(/^✗ Passwords: /m);
  }, 60_000);
});
