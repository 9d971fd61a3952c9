import type { ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { createSocket } from 'node:dgram';
import { freeLoopbackPort, stopChild } from '../peers';

/** SIGTERM, then SIGKILL after `graceMs`; resolves once the process is gone. */
export const stopProcess = (child: ChildProcess | undefined, graceMs = 3_000): Promise<void> => stopChild(child, graceMs);

/** Polls `probe` until it returns a value; fails after `timeoutMs` or as soon as `alive` says the peer died. */
export const waitFor = async <T>(
  what: string,
  probe: () => Promise<T | undefined> | T | undefined,
  timeoutMs: number,
  alive: () => boolean = () => true,
): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (!alive()) throw new Error(`${what}: the process exited before it was ready`);
    if (Date.now() > deadline) throw new Error(`${what}: not ready within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

const udpPortFree = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const socket = createSocket('udp4');
    socket.once('error', () => resolve(false));
    socket.bind(port, '127.0.0.1', () => socket.close(() => resolve(true)));
  });

/** `count` distinct ports free on 127.0.0.1 for both TCP and UDP right now. */
export const freePorts = async (count: number): Promise<number[]> => {
  const ports = new Set<number>();
  while (ports.size < count) {
    const port = await freeLoopbackPort();
    if (await udpPortFree(port)) ports.add(port);
  }
  return [...ports];
};

/** A free port whose next port is free too: baresip listens for SIP over TLS on sip_listen's port + 1. */
export const freePortPair = async (avoid: readonly number[]): Promise<number> => {
  for (;;) {
    const [port] = (await freePorts(1)) as [number];
    if (avoid.includes(port) || avoid.includes(port + 1)) continue;
    if (port < 65_535 && (await udpPortFree(port + 1)) && (await tcpPortFree(port + 1))) return port;
  }
};

const tcpPortFree = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
