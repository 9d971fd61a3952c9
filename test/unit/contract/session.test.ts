import { describe, expect, it } from 'vitest';
import type { ServerMessage } from '../../../common/contract';
import { testBackend } from '../../support/test-backend';
import { ContractSession } from '../../../main/host/core/session';
import { memoryLog } from '../../support/memory-log';

const connect = () => {
  const { log, records } = memoryLog();
  const backend = testBackend('web', log);
  const sent: ServerMessage[] = [];
  const session = new ContractSession(backend.parts, { description: 'test peer', send: (message) => sent.push(message) }, 'web');
  return { backend, session, sent, records };
};

describe('ContractSession', () => {
  it('answers a malformed payload with a typed error naming the field, logs it, and keeps serving', async () => {
    const { session, sent, records } = connect();
    await session.receive({ t: 'request', id: 1, key: 'app.info', payload: { unexpected: true } });
    expect(sent[0]).toMatchObject({ t: 'response', id: 1, ok: false, error: { code: 'bad-request', path: 'unexpected' } });
    expect(sent[0]?.t === 'response' && !sent[0].ok && sent[0].error.message).toMatch(/^app\.info: unexpected — /);
    expect(records.some((record) => record.level === 'warn' && record.message === 'refused a message')).toBe(true);

    await session.receive({ t: 'request', id: 2, key: 'app.info', payload: {} });
    expect(sent[1]).toMatchObject({ t: 'response', id: 2, ok: true, value: { name: 'Scrivania', host: 'web' } });
  });

  it('quotes only a short excerpt of a huge malformed input, in its reply and in the log', async () => {
    const { session, sent, records } = connect();
    const hugeKey = 'k'.repeat(15 * 1024 * 1024);
    await session.receive({ t: 'request', id: 9, key: 'app.info', payload: { [hugeKey]: 1 } });
    await session.receive({ t: 'request', id: 10, key: `x${hugeKey}`, payload: {} });
    expect(sent[0]).toMatchObject({ t: 'response', id: 9, ok: false, error: { code: 'bad-request' } });
    expect(sent[1]).toMatchObject({ t: 'error', error: { code: 'bad-request', path: 'key' } });
    for (const reply of sent) expect(JSON.stringify(reply).length).toBeLessThan(64 * 1024);
    const refusals = records.filter((record) => record.message === 'refused a message');
    expect(refusals).toHaveLength(2);
    for (const record of refusals) expect(JSON.stringify(record).length).toBeLessThan(64 * 1024);
    expect(sent[0]?.t === 'response' && !sent[0].ok && sent[0].error.path).toMatch(/^k{200}… \(15728640 characters\)$/);
  });

  it('refuses a value nested 100,000 deep as a bad request naming where, and an unknown top-level field by name', async () => {
    const { session, sent } = connect();
    let deep: unknown = 'bottom';
    for (let level = 0; level < 100_000; level++) deep = { v: deep };
    await session.receive({ t: 'request', id: 11, key: 'profiles.setUserValue', payload: { pointer: '/phone/displayName', value: deep } });
    expect(sent[0]).toMatchObject({ t: 'response', id: 11, ok: false, error: { code: 'bad-request' } });
    expect(sent[0]?.t === 'response' && !sent[0].ok && sent[0].error.message).toMatch(
      /^profiles\.setUserValue: value(\.v)+ — nested more than 64 deep$/,
    );
    await session.receive({ t: 'request', id: 12, key: 'app.info', payload: {}, sneaky: true });
    expect(sent[1]).toMatchObject({ t: 'error', error: { code: 'bad-request', path: 'sneaky' } });
  });

  it('answers data for a stream that is not open', async () => {
    const { session, sent } = connect();
    await session.receive({ t: 'stream.data', id: 77, data: new Uint8Array([1, 2]) });
    expect(sent[0]).toEqual({ t: 'error', error: { code: 'bad-request', message: 'stream 77 is not open', path: 'id' } });
  });

  it('refuses a message that is not a contract message at all, naming what is wrong', async () => {
    const { session, sent } = connect();
    await session.receive({ t: 'request', id: 'seven', key: 'app.info' });
    expect(sent[0]).toMatchObject({ t: 'error', error: { code: 'bad-request', path: 'id' } });
    await session.receive('not an object');
    expect(sent[1]).toMatchObject({ t: 'error', error: { code: 'bad-request', path: '(root)' } });
  });

  it('refuses members that are not in the contract', async () => {
    const { session, sent } = connect();
    await session.receive({ t: 'request', id: 3, key: 'secrets.list', payload: {} });
    expect(sent[0]).toMatchObject({
      ok: false,
      error: { code: 'unknown-member', message: 'secrets.list is not a request in the contract' },
    });
    await session.receive({ t: 'subscribe', key: 'app.info' });
    expect(sent[1]).toMatchObject({ t: 'error', error: { code: 'unknown-member' } });
  });

  it('replays a retained event on subscribe and sends later ones only to subscribers', async () => {
    const { backend, session, sent } = connect();
    await session.receive({ t: 'subscribe', key: 'app.status' });
    expect(sent[0]).toMatchObject({ t: 'event', key: 'app.status', payload: { level: 'unconfigured' } });

    backend.app.report('vpn', { level: 'error', summary: { key: 'vpn.down' } });
    expect(sent[1]).toMatchObject({ t: 'event', payload: { level: 'error', capabilities: { vpn: { level: 'error' } } } });

    await session.receive({ t: 'unsubscribe', key: 'app.status' });
    backend.app.report('vpn', { level: 'ok', summary: { key: 'vpn.up' } });
    expect(sent).toHaveLength(2);
  });

  it('carries a byte stream both ways and closes it', async () => {
    const { session, sent } = connect();
    await session.receive({ t: 'stream.open', id: 9, key: 'app.loopback', params: { label: 'test' } });
    expect(sent[0]).toEqual({ t: 'response', id: 9, ok: true, value: null });
    await session.receive({ t: 'stream.data', id: 9, data: new Uint8Array([1, 2, 3]) });
    expect(sent[1]).toEqual({ t: 'stream.data', id: 9, data: new Uint8Array([1, 2, 3]) });
    await session.receive({ t: 'stream.close', id: 9 });
    await session.receive({ t: 'stream.data', id: 9, data: new Uint8Array([4]) });
    expect(sent).toHaveLength(2);
  });

  it('refuses stream parameters that do not match their schema', async () => {
    const { session, sent } = connect();
    await session.receive({ t: 'stream.open', id: 4, key: 'app.loopback', params: { label: 'x'.repeat(65) } });
    expect(sent[0]).toMatchObject({ ok: false, error: { code: 'bad-request', path: 'label' } });
  });

  it('turns a failing handler into a one-line failed reply', async () => {
    const { backend, session, sent } = connect();
    backend.parts.requests['app.info'] = () => {
      throw new Error('disk on fire');
    };
    await session.receive({ t: 'request', id: 5, key: 'app.info', payload: {} });
    expect(sent[0]).toMatchObject({ ok: false, error: { code: 'failed', message: 'app.info: disk on fire' } });
  });
});
