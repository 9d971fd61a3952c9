import { describe, expect, it } from 'vitest';
import type { ServerMessage } from '../../../common/contract';
import { ContractClient } from '../../../common/contract/client';
import { testBackend } from '../../support/test-backend';
import { ContractSession } from '../../../main/host/core/session';
import { memoryLog } from '../../support/memory-log';

/** A client and a session joined directly, as a transport would join them, with messages cloned in between. */
const pair = () => {
  const backend = testBackend('electron', memoryLog().log);
  const problems: string[] = [];
  const client: ContractClient = new ContractClient('electron', { send: (message) => void session.receive(structuredClone(message)) }, (problem) => problems.push(problem));
  const session = new ContractSession(backend.parts, { description: 'pair', send: (message: ServerMessage) => client.receive(structuredClone(message)) }, 'electron');
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
