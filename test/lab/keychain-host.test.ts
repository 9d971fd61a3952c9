import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { buildCliForTest } from '../support/cli-build';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { missingPeer, startSessionBus, type LabSessionBus } from './secret-service';

/**
 * The web host as a process, with its keychain on a lab session bus: a burst of keychain requests as its first
 * keychain use, and SIGTERM while a keychain call is stuck in native code.
 */
const onLinux = process.platform === 'linux';
const missing = onLinux ? missingPeer('secret-service') : 'the Secret Service lab runs on Linux only';
const BURST = 5_000;

interface RunningHost {
  child: ChildProcess;
  origin: string;
  token: string;
}

/** `scrivania web --port 0` with the lab bus as its session bus, until it prints its address. */
const startHost = async (cli: string, dataDir: string, bus: LabSessionBus): Promise<RunningHost> => {
  const child = spawn(process.execPath, [cli, 'web', '--port', '0', '--data-dir', dataDir], {
    env: { ...process.env, ...bus.env, SCRIVANIA_LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stderr?.resume();
  const lines = createInterface({ input: child.stdout! });
  for await (const line of lines) {
    const found = /running at (http:\/\/127\.0\.0\.1:\d+)\/#token=(\S+)/.exec(line);
    if (found) return { child, origin: found[1]!, token: found[2]! };
  }
  throw new Error(`the web host exited with code ${child.exitCode} before printing its address`);
};

/** Many requests over one socket, as the renderer sends them; resolves with each answer's ok. */
const burst = async (host: RunningHost, count: number): Promise<boolean[]> => {
  const socket = new WebSocket(`${host.origin.replace('http', 'ws')}/ws`, ['scrivania', `token.${host.token}`], {
    headers: { Origin: host.origin },
  });
  await once(socket, 'open');
  const answers = new Map<number, boolean>();
  const done = new Promise<void>((resolve, reject) => {
    socket.on('message', (data) => {
      const message = JSON.parse(data.toString()) as { t: string; id?: number; ok?: boolean };
      if (message.t === 'response' && message.id !== undefined) answers.set(message.id, message.ok === true);
      if (answers.size === count) resolve();
    });
    socket.once('close', () => reject(new Error(`the socket closed after ${answers.size} of ${count} answers`)));
  });
  const ids = ['vpn', 'phone', 'office-pc', 'calendar:team'];
  for (let id = 1; id <= count; id++)
    socket.send(JSON.stringify({ t: 'request', id, key: 'credentials.has', payload: { id: ids[id % ids.length] } }));
  await done;
  socket.close();
  return [...answers.values()];
};

const exitWithin = async (child: ChildProcess, ms: number): Promise<number | string | null> => {
  if (child.exitCode !== null || child.signalCode !== null) return child.exitCode ?? child.signalCode;
  const timer = setTimeout(() => child.kill('SIGKILL'), ms);
  const [code, signal] = (await once(child, 'exit')) as [number | null, NodeJS.Signals | null];
  clearTimeout(timer);
  return code ?? signal;
};

describe.skipIf(missing !== undefined)(
  `the web host's keychain under load and at shutdown${missing ? ` (skipped: ${missing})` : ''}`,
  () => {
    let bus: LabSessionBus;
    let work: string;
    let cli: string;

    beforeAll(async () => {
      bus = await startSessionBus();
      ({ dir: work, cli } = await buildCliForTest('scrivania-keychain-host-'));
    }, 60_000);

    afterAll(async () => {
      await bus?.stop();
      await rm(work, { recursive: true, force: true });
    });

    it(`answers ${BURST} concurrent keychain requests as its first keychain use, and stays up`, async () => {
      await bus.startSecretService();
      const host = await startHost(cli, join(work, 'burst'), bus);
      try {
        const answers = await burst(host, BURST);
        expect(answers).toHaveLength(BURST);
        expect(answers.filter((ok) => !ok)).toHaveLength(0);
        expect(host.child.exitCode).toBeNull();
        expect(host.child.signalCode).toBeNull();
        host.child.kill('SIGTERM');
        expect(await exitWithin(host.child, 5_000)).toBe(0);
      } finally {
        host.child.kill('SIGKILL');
        await bus.stopSecretService();
      }
    }, 90_000);

    it('ends within a few seconds of SIGTERM while a keychain call is stuck in native code', async () => {
      await bus.offerUnresponsiveSecretService();
      const host = await startHost(cli, join(work, 'stall'), bus);
      try {
        // The availability probe gives up after 3 s; its call stays stuck in the Secret Service until D-Bus's own timeout.
        expect(await burst(host, 1)).toHaveLength(1);
        const asked = Date.now();
        host.child.kill('SIGTERM');
        // The test's own SIGKILL comes only after 10 s; the host must have ended well before.
        await exitWithin(host.child, 10_000);
        expect(Date.now() - asked).toBeLessThan(5_000);
      } finally {
        host.child.kill('SIGKILL');
        await bus.withdrawUnresponsiveSecretService();
      }
    }, 60_000);
  },
);
