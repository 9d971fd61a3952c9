// Stand-ins for an office whose every peer is down, on loopback only, for the self-test benchmark.
//  refusing: a TCP port nobody listens on, a loopback DNS address with no server, a D-Bus socket that does not exist.
//  silent:   a TCP port, a DNS server and a D-Bus socket that take the connection or question and never answer.
import { createSocket } from 'node:dgram';
import { createServer } from 'node:net';
import { join } from 'node:path';

/** Loopback addresses where no DNS server listens (the demo's own unreachable intranet DNS is 127.53.0.1). */
const REFUSING_DNS = '127.53.0.1';
const SILENT_DNS = '127.53.0.2';

const listening = (server, ...where) =>
  new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(...where, () => resolve(server));
  });

/** A server that takes every connection and keeps it open without a byte: the peer that hangs. */
const holdingServer = () => {
  const sockets = new Set();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.once('close', () => sockets.delete(socket));
  });
  const close = () =>
    new Promise((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    });
  return { server, close };
};

const closedLoopbackPort = async () => {
  const { server, close } = holdingServer();
  await listening(server, 0, '127.0.0.1');
  const { port } = server.address();
  await close();
  return port;
};

/** Every address refuses at once: a down office as most people meet it. */
export const refusingPeers = async (dir) => ({
  kind: 'refusing',
  port: await closedLoopbackPort(),
  dnsServer: REFUSING_DNS,
  busAddress: `unix:path=${join(dir, 'no-such-bus')}`,
  note: 'closed loopback ports, a DNS address with no server, no D-Bus socket',
  close: async () => undefined,
});

/** A UDP socket on port 53 that reads every question and answers none; binding port 53 needs root. */
const silentDns = () =>
  new Promise((resolve) => {
    const socket = createSocket('udp4');
    socket.on('message', () => undefined);
    socket.once('error', () => resolve(undefined));
    socket.bind(53, SILENT_DNS, () => resolve(socket));
  });

/** Every address takes the connection and stays silent: the worst case, which only the timeouts end. */
export const silentPeers = async (dir) => {
  const tcp = holdingServer();
  await listening(tcp.server, 0, '127.0.0.1');
  const bus = holdingServer();
  const busPath = join(dir, 'silent-bus');
  await listening(bus.server, busPath);
  const dns = await silentDns();
  return {
    kind: 'silent',
    port: tcp.server.address().port,
    dnsServer: dns ? SILENT_DNS : REFUSING_DNS,
    busAddress: `unix:path=${busPath}`,
    note: `loopback TCP and D-Bus sockets that never answer, ${dns ? 'a DNS server that never answers' : 'a DNS address with no server (a silent one needs root for port 53)'}`,
    close: async () => {
      dns?.close();
      await Promise.all([tcp.close(), bus.close()]);
    },
  };
};
