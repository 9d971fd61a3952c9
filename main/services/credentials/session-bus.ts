import { existsSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { join } from 'node:path';

/**
 * Whether the D-Bus session bus answers at all. The keychain library talks to the Secret Service over it from a
 * worker thread, and a bus that accepts the connection but never answers the authentication leaves that thread
 * blocked in native code for good: Node can then neither stop it nor exit. So the keychain asks this first.
 */
export type BusAnswer = { ok: true } | { ok: false; reason: string };

export type SessionBusProbe = () => Promise<BusAnswer>;

type BusEndpoint = { path: string; where: string } | { host: string; port: number; where: string };

const unescape = (value: string): string =>
  value.replace(/%([0-9a-fA-F]{2})/g, (_match, hex: string) => String.fromCharCode(parseInt(hex, 16)));

/** The first address of a D-Bus address list we can connect to: `unix:path=`, `unix:abstract=` or `tcp:`. */
export const parseBusAddress = (address: string): BusEndpoint | undefined => {
  for (const entry of address.split(';')) {
    const colon = entry.indexOf(':');
    if (colon < 0) continue;
    const transport = entry.slice(0, colon);
    const keys = new Map(
      entry
        .slice(colon + 1)
        .split(',')
        .map((pair) => pair.split('=', 2) as [string, string?])
        .filter((pair): pair is [string, string] => pair[1] !== undefined)
        .map(([key, value]) => [key, unescape(value)]),
    );
    const path = keys.get('path');
    const abstract = keys.get('abstract');
    if (transport === 'unix' && path) return { path, where: path };
    // Linux's abstract socket namespace: a path starting with a NUL byte.
    if (transport === 'unix' && abstract) return { path: `\0${abstract}`, where: `@${abstract}` };
    const host = keys.get('host');
    const port = Number(keys.get('port'));
    if (transport === 'tcp' && host && Number.isInteger(port) && port > 0) return { host, port, where: `${host}:${port}` };
  }
  return undefined;
};

/** The session bus as libdbus finds it: the environment's address, else the systemd user bus socket. */
export const sessionBusAddress = (env: NodeJS.ProcessEnv): string | undefined => {
  if (env['DBUS_SESSION_BUS_ADDRESS']) return env['DBUS_SESSION_BUS_ADDRESS'];
  const runtimeDir = env['XDG_RUNTIME_DIR'];
  if (runtimeDir && existsSync(join(runtimeDir, 'bus'))) return `unix:path=${join(runtimeDir, 'bus')}`;
  return undefined;
};

const hex = (text: string): string => Buffer.from(text, 'utf8').toString('hex');

/** Opens the bus and starts its SASL handshake: any reply line (OK, REJECTED, ERROR) means the bus answers. */
export const probeBus = (endpoint: BusEndpoint, timeoutMs: number): Promise<BusAnswer> =>
  new Promise((resolve) => {
    const socket: Socket = 'path' in endpoint ? connect({ path: endpoint.path }) : connect({ host: endpoint.host, port: endpoint.port });
    const finish = (answer: BusAnswer): void => {
      clearTimeout(timer);
      socket.destroy();
      resolve(answer);
    };
    const timer = setTimeout(
      () => finish({ ok: false, reason: `the D-Bus session bus at ${endpoint.where} did not answer within ${timeoutMs / 1000} s` }),
      timeoutMs,
    );
    socket.once('connect', () => socket.write(`\0AUTH EXTERNAL ${hex(String(process.getuid?.() ?? ''))}\r\n`));
    socket.on('data', (chunk: Buffer) => {
      if (chunk.includes('\r\n')) finish({ ok: true });
    });
    socket.once('error', (error: NodeJS.ErrnoException) =>
      finish({ ok: false, reason: `the D-Bus session bus at ${endpoint.where} cannot be reached (${error.code ?? error.message})` }),
    );
  });

/** The probe for this machine's session bus; without an address it lets the keychain library decide. */
export const sessionBusProbe =
  (env: NodeJS.ProcessEnv = process.env, timeoutMs = 2_000): SessionBusProbe =>
  async () => {
    const address = sessionBusAddress(env);
    const endpoint = address === undefined ? undefined : parseBusAddress(address);
    return endpoint ? probeBus(endpoint, timeoutMs) : { ok: true };
  };
