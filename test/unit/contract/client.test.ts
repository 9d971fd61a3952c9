import { describe, expect, it } from 'vitest';
import type { ClientMessage, ServerMessage } from '../../../common/contract';
import { ContractClient } from '../../../common/contract/client';
import { testBackend } from '../../support/test-backend';
import { ContractSession } from '../../../main/host/core/session';
import { memoryLog } from '../../support/memory-log';

/** A client and a session joined directly, as a transport would join them, with messages cloned in between. */
const pair = () => {
  const backend = testBackend('electron', memoryLog().log);
  const problems: string[] = [];
  const client: ContractClient = new ContractClient(
    'electron',
    { send: (message) => void session.receive(structuredClone(message)) },
    (problem) => problems.push(problem),
  );
  const session = new ContractSession(
    backend.parts,
    { description: 'pair', send: (message: ServerMessage) => client.receive(structuredClone(message)) },
    'electron',
  );
  return { backend, client, problems };
};

describe('ContractClient', () => {
  it('invokes a request and gets the parsed response', async () => {
    const { client } = pair();
    await expect(client.invoke('app.info', {})).resolves.toMatchObject({ name: 'Scrivania', host: 'electron' });
  });

  it('rejects with the one-line reason main gave', async () => {
    const { client } = pair();
    // @ts-expect-error the contract says app.info takes an empty object
    await expect(client.invoke('app.info', { extra: 1 })).rejects.toThrow(/app\.info: extra/);
    // @ts-expect-error not a member
    await expect(client.invoke('secrets.list', {})).rejects.toThrow('secrets.list is not a request in the contract');
  });

  it('refuses a response that does not match the schema', async () => {
    const { backend, client } = pair();
    backend.parts.requests['app.info'] = () => ({ name: 42 }) as never;
    await expect(client.invoke('app.info', {})).rejects.toThrow(/app\.info/);
  });

  it('delivers the retained status at once and later changes', async () => {
    const { backend, client } = pair();
    const levels: string[] = [];
    const stop = client.on('app.status', (status) => levels.push(status.level));
    backend.app.report('phone', { level: 'warning', summary: { key: 'phone.registering' } });
    stop();
    backend.app.report('phone', { level: 'error', summary: { key: 'phone.failed' } });
    expect(levels).toEqual(['unconfigured', 'warning']);
  });

  it('gives every new listener of a retained event the latest payload at once, exactly once', () => {
    const { backend, client } = pair();
    const first: string[] = [];
    const second: string[] = [];
    client.on('app.status', (status) => first.push(status.level));
    backend.app.report('phone', { level: 'warning', summary: { key: 'phone.registering' } });
    const stop = client.on('app.status', (status) => second.push(status.level));
    expect(second).toEqual(['warning']);
    backend.app.report('phone', { level: 'error', summary: { key: 'phone.failed' } });
    stop();
    expect(first).toEqual(['unconfigured', 'warning', 'error']);
    expect(second).toEqual(['warning', 'error']);
  });

  it('gives a listener added by another listener the payload once', () => {
    const { client } = pair();
    const late: string[] = [];
    let added = false;
    client.on('app.status', () => {
      if (added) return;
      added = true;
      client.on('app.status', (status) => late.push(status.level));
    });
    expect(late).toEqual(['unconfigured']);
  });

  it('gives listeners that come before main replays the retained payload once, when it arrives', () => {
    const status = testBackend('electron', memoryLog().log).app.status();
    const sent: ClientMessage[] = [];
    const client = new ContractClient('electron', { send: (message) => sent.push(message) });
    const first: string[] = [];
    const second: string[] = [];
    client.on('app.status', (status) => first.push(status.level));
    client.on('app.status', (status) => second.push(status.level));
    expect(sent).toEqual([{ t: 'subscribe', key: 'app.status' }]);
    client.receive({ t: 'event', key: 'app.status', payload: status });
    expect(first).toEqual(['unconfigured']);
    expect(second).toEqual(['unconfigured']);
  });

  it('forgets a retained payload once nobody listens, and main replays it to the next listener', () => {
    const { backend, client } = pair();
    client.on('app.status', () => undefined)();
    backend.app.report('phone', { level: 'warning', summary: { key: 'phone.registering' } });
    const levels: string[] = [];
    client.on('app.status', (status) => levels.push(status.level));
    expect(levels).toEqual(['warning']);
  });

  it('drops a malformed event and reports it', () => {
    const { client, problems } = pair();
    const seen: unknown[] = [];
    client.on('app.status', (status) => seen.push(status));
    client.receive({ t: 'event', key: 'app.status', payload: { level: 'purple' } });
    expect(problems).toContain('event app.status: malformed payload');
    expect(seen).toHaveLength(1);
  });

  it('streams bytes through the loopback and is told when main closes', async () => {
    const { client } = pair();
    const stream = client.openStream('app.loopback', { label: 'unit' });
    await stream.opened;
    const echoed = new Promise<Uint8Array>((resolve) => stream.onData(resolve));
    stream.send(new Uint8Array([7, 8, 9]));
    expect([...(await echoed)]).toEqual([7, 8, 9]);
    const closed = new Promise<string | undefined>((resolve) => stream.onClose(resolve));
    client.connectionLost('gone');
    expect(await closed).toBe('gone');
  });
});
