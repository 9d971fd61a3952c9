import { createServer, type Server, type Socket } from 'node:net';
import { networkInterfaces } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { decodePdu, encodePdu, RDCLEANPATH_VERSION } from '../../../main/services/office-pc/rdcleanpath';
import { RdpRelay } from '../../../main/services/office-pc/rdp-relay';
import { connectionRequest, Protocol } from '../../../main/services/office-pc/x224';
import { memoryLog } from '../../support/memory-log';
import { tcpAttempt } from '../../support/tcp-attempt';
import { handshake, openRelay } from '../../lab/rdp/rdcleanpath-client';

const relays: RdpRelay[] = [];
const servers: Server[] = [];
const acceptedSockets: Socket[] = [];

const relay = (options: Partial<ConstructorParameters<typeof RdpRelay>[0]> = {}) => {
  const created = new RdpRelay({ log: memoryLog().log, judge: async () => ({ trusted: true }), ...options });
  relays.push(created);
  return created;
};

/** A loopback TCP server that accepts and then says nothing, like a host whose RDP service hangs. */
const silentServer = async (): Promise<{ port: number; accepted: Socket[] }> => {
  const accepted: Socket[] = [];
  const server = createServer((socket) => {
    accepted.push(socket);
    acceptedSockets.push(socket);
    socket.on('error', () => undefined);
    socket.resume();
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return { port: (server.address() as { port: number }).port, accepted };
};

const closedPort = async (): Promise<number> => {
  const { port } = await silentServer();
  const server = servers.pop() as Server;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
};

const upgradeStatus = (url: string, headers: Record<string, string> = {}): Promise<number> =>
  new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    ws.once('unexpected-response', (_request, response) => {
      resolve(response.statusCode ?? 0);
      ws.terminate();
    });
    ws.once('open', () => {
      ws.close();
      reject(new Error('the relay accepted the WebSocket'));
    });
    ws.once('error', () => undefined);
  });

/** True unless a TCP connection is accepted within a second. */
const refusesTcp = async (host: string, port: number): Promise<boolean> => (await tcpAttempt(host, port, 1_000)) !== 'connected';

afterEach(async () => {
  await Promise.all(relays.splice(0).map((each) => each.stop()));
  await Promise.all(
    servers.splice(0).map((server) => {
      acceptedSockets.splice(0).forEach((socket) => socket.destroy());
      return new Promise<void>((resolve) => server.close(() => resolve()));
    }),
  );
});

describe('the RDCleanPath relay refuses', () => {
  it('a WebSocket without a token, or with a wrong one', async () => {
    const ticket = await relay().issue('127.0.0.1', 3389);
    const url = new URL(ticket.relayUrl);
    url.search = '';
    expect(await upgradeStatus(url.href)).toBe(401);
    url.searchParams.set('token', 'not-the-token');
    expect(await upgradeStatus(url.href)).toBe(401);
  });

  it('a ticket used twice, an expired one, and a page of a foreign origin', async () => {
    let now = 1_000;
    const expiring = relay({ ticketTtlMs: 5_000, clock: () => now });
    const used = await expiring.issue('127.0.0.1', await closedPort());
    const client = await openRelay(used.relayUrl);
    expect(await upgradeStatus(used.relayUrl)).toBe(401);
    client.ws.close();

    const late = await expiring.issue('127.0.0.1', 3389);
    now += 6_000;
    expect(await upgradeStatus(late.relayUrl)).toBe(401);
    expect(expiring.outcome(late.sessionId)).toEqual({ outcome: 'closed', detail: 'ticket expired unused' });

    const foreign = await expiring.issue('127.0.0.1', 3389);
    expect(await upgradeStatus(foreign.relayUrl, { Origin: 'https://evil.example' })).toBe(403);
  });

  it("admits only the host's own page origin, not another loopback page, once the host names it", async () => {
    const own = relay({ rendererOrigin: () => 'http://127.0.0.1:4100' });
    const otherPort = await own.issue('127.0.0.1', 3389);
    expect(await upgradeStatus(otherPort.relayUrl, { Origin: 'http://127.0.0.1:4101' })).toBe(403);
    const electronPage = await own.issue('127.0.0.1', 3389);
    expect(await upgradeStatus(electronPage.relayUrl, { Origin: 'app://scrivania' })).toBe(403);
    expect(own.outcome(otherPort.sessionId)).toEqual({ outcome: 'pending' });
  });

  it('an RDCleanPath request whose token is not the ticket’s', async () => {
    const relayed = relay();
    const ticket = await relayed.issue('127.0.0.1', 3389);
    const client = await openRelay(ticket.relayUrl);
    const answer = await handshake(client, { destination: ticket.destination, token: 'guessed' });
    expect(answer.error).toEqual({ errorCode: 1, httpStatusCode: 401 });
    expect(relayed.outcome(ticket.sessionId)?.outcome).toBe('refused-token');
  });

  it('a destination that is not the office PC of the profile, without contacting it', async () => {
    const elsewhere = await silentServer();
    const relayed = relay();
    const ticket = await relayed.issue('127.0.0.1', 3389);
    const client = await openRelay(ticket.relayUrl);
    const answer = await handshake(client, { destination: `127.0.0.1:${elsewhere.port}`, token: ticket.authToken });
    expect(answer.error).toEqual({ errorCode: 1, httpStatusCode: 403 });
    expect(relayed.outcome(ticket.sessionId)).toEqual({
      outcome: 'refused-destination',
      detail: `destination 127.0.0.1:${elsewhere.port} is not the office PC of the profile`,
    });
    expect(await client.closed).toBe(1000);
    expect(elsewhere.accepted).toHaveLength(0);
  });

  it('a request that arrives in pieces is read whole before it is judged', async () => {
    const relayed = relay();
    const ticket = await relayed.issue('127.0.0.1', 3389);
    const client = await openRelay(ticket.relayUrl);
    const request = encodePdu({
      version: RDCLEANPATH_VERSION,
      destination: '127.0.0.1:1',
      proxyAuth: ticket.authToken,
      x224ConnectionPdu: connectionRequest(Protocol.hybrid | Protocol.ssl),
    });
    client.ws.send(request.subarray(0, 1));
    client.ws.send(request.subarray(1, 20));
    client.ws.send(request.subarray(20));
    expect(decodePdu(await client.nextElement()).error).toEqual({ errorCode: 1, httpStatusCode: 403 });
  });

  it('anything but an RDCleanPath request, and a client that sends nothing in time', async () => {
    const relayed = relay({ timeouts: { requestMs: 300 } });
    const junk = await relayed.issue('127.0.0.1', 3389);
    const junkClient = await openRelay(junk.relayUrl);
    junkClient.ws.send(Buffer.from('GET / HTTP/1.1\r\n\r\n'));
    expect((await junkClient.nextElement()).length).toBeGreaterThan(0);
    expect(relayed.outcome(junk.sessionId)?.outcome).toBe('bad-request');

    const silent = await relayed.issue('127.0.0.1', 3389);
    const silentClient = await openRelay(silent.relayUrl);
    expect(await silentClient.closed).toBe(1000);
    expect(relayed.outcome(silent.sessionId)).toEqual({ outcome: 'bad-request', detail: 'no complete RDCleanPath request within 0.3 s' });
  });
});

describe('the RDCleanPath relay', () => {
  it('listens on 127.0.0.1 only', async () => {
    const relayed = relay();
    const ticket = await relayed.issue('127.0.0.1', 3389);
    expect(ticket.relayUrl).toMatch(new RegExp(`^ws://127\\.0\\.0\\.1:${relayed.port}/rdcleanpath/`));
    const port = relayed.port as number;
    expect(await refusesTcp('127.0.0.1', port)).toBe(false);
    expect(await refusesTcp('127.0.0.2', port)).toBe(true);
    const external = Object.values(networkInterfaces())
      .flat()
      .filter((address) => address && !address.internal && address.family === 'IPv4')
      .map((address) => address?.address as string);
    for (const address of external) expect(await refusesTcp(address, port)).toBe(true);
  });

  it('answers a closed port with the Windows socket error IronRDP shows', async () => {
    const relayed = relay();
    const ticket = await relayed.issue('127.0.0.1', await closedPort());
    const client = await openRelay(ticket.relayUrl);
    const answer = await handshake(client, { destination: ticket.destination, token: ticket.authToken });
    expect(answer.error).toEqual({ errorCode: 1, httpStatusCode: 502, wsaLastError: 10061 });
    expect(relayed.outcome(ticket.sessionId)?.outcome).toBe('unreachable');
  });

  it('gives up on an office PC that accepts TCP but never confirms X.224', async () => {
    const hanging = await silentServer();
    const relayed = relay({ timeouts: { x224Ms: 300 } });
    const ticket = await relayed.issue('127.0.0.1', hanging.port);
    const client = await openRelay(ticket.relayUrl);
    const answer = await handshake(client, { destination: ticket.destination, token: ticket.authToken });
    expect(answer.error).toEqual({ errorCode: 1, httpStatusCode: 504, wsaLastError: 10060 });
    expect(relayed.outcome(ticket.sessionId)).toEqual({ outcome: 'timeout', detail: 'X.224 Connection Confirm: no answer within 0.3 s' });
    expect(hanging.accepted).toHaveLength(1);
    const accepted = hanging.accepted[0] as Socket;
    await expect.poll(() => accepted.readableEnded || accepted.destroyed).toBe(true);
  });
});
