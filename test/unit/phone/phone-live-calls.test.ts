import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contract } from '../../../common/contract';
import type { CallCommand, LiveCall, LiveCalls } from '../../../common/contract/phone';
import { PhoneService } from '../../../main/services/phone/phone-service';
import { memoryLog } from '../../support/memory-log';

const section = {
  server: 'wss://pbx.comune.prato.example:8089/ws',
  domain: 'pbx.comune.prato.example',
  extension: '2041',
  answerGroups: [{ name: 'Polizia Municipale', number: '600' }],
};

const call = (change: Partial<LiveCall> = {}): LiveCall => ({
  id: 'call-1',
  direction: 'incoming',
  state: 'ringing',
  number: '3001',
  name: 'Mario Rossi',
  divertedFrom: 'Polizia Municipale',
  ...change,
});

let dataDir: string;
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'scrivania-phone-calls-'));
});
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

const registered = () => {
  const memory = memoryLog();
  const phone = new PhoneService({ dataDir, log: memory.log, clock: () => new Date('2026-06-01T09:00:00Z') });
  phone.configure(section);
  phone.reportRegistration({ state: 'registered' });
  return { phone, memory };
};

describe('the phone service and the calls in progress', () => {
  it('says who is calling, who the employee is talking to and who is on hold, never "ready for calls" mid-call', () => {
    const { phone } = registered();
    const statuses: string[] = [];
    phone.on('status', (status) => statuses.push(`${status.level} ${status.summary.key}`));
    phone.reportCalls({ calls: [call()] });
    expect(phone.status()).toEqual({
      level: 'busy',
      summary: { key: 'phone.status.ringingFor', params: { who: 'Mario Rossi (3001)', line: 'Polizia Municipale' } },
    });
    phone.reportCalls({ calls: [call({ state: 'active', answeredAt: '2026-06-01T09:00:05Z' })] });
    expect(phone.status().summary.key).toBe('phone.status.inCallFor');
    // A second call ringing beside the first: the ringing one needs the employee now.
    phone.reportCalls({
      calls: [call({ state: 'held' }), call({ id: 'call-2', state: 'ringing', number: '2042', name: undefined, divertedFrom: undefined })],
    });
    expect(phone.status().summary).toEqual({ key: 'phone.status.ringing', params: { who: '2042' } });
    phone.reportCalls({ calls: [call({ state: 'held' })] });
    expect(phone.status().summary.key).toBe('phone.status.onHoldFor');
    phone.reportCalls({ calls: [call({ direction: 'outgoing', state: 'calling', divertedFrom: undefined })] });
    expect(phone.status().summary).toEqual({ key: 'phone.status.calling', params: { who: 'Mario Rossi (3001)' } });
    phone.reportCalls({ calls: [] });
    expect(phone.status()).toEqual({ level: 'ok', summary: { key: 'phone.status.registered', params: { extension: '2041' } } });
    expect(statuses).toEqual([
      'busy phone.status.ringingFor',
      'busy phone.status.inCallFor',
      'busy phone.status.ringing',
      'busy phone.status.onHoldFor',
      'busy phone.status.calling',
      'ok phone.status.registered',
    ]);
  });

  it('passes the calls on to the host and logs their states, never a number or a name', () => {
    const { phone, memory } = registered();
    const seen: LiveCalls[] = [];
    phone.on('calls', (calls) => seen.push(calls));
    phone.reportCalls({ calls: [call()] });
    phone.reportCalls({ calls: [call({ state: 'active' })] });
    expect(seen.map((calls) => calls.calls.map((each) => each.state))).toEqual([['ringing'], ['active']]);
    const logged = JSON.stringify(memory.records);
    expect(logged).toContain('ringing');
    expect(logged).not.toContain('3001');
    expect(logged).not.toContain('Mario');
  });

  it('hands answer and hang-up from the tray or a shortcut to the renderer, and refuses them without a call', () => {
    const { phone } = registered();
    const commands: CallCommand[] = [];
    phone.on('commandRequested', (command) => commands.push(command));
    expect(() => phone.command({ action: 'hangUp' })).toThrow('there is no call to answer or hang up');
    phone.reportCalls({ calls: [call()] });
    phone.command({ action: 'answer' });
    expect(commands).toEqual([{ action: 'answer' }]);
  });

  it('drops the calls of another server or extension', () => {
    const { phone } = registered();
    phone.reportCalls({ calls: [call({ state: 'active' })] });
    phone.configure({ ...section, extension: '2050' });
    expect(phone.callsInProgress()).toEqual({ calls: [] });
    expect(phone.status().level).toBe('warning');
  });

  it('accepts at most two calls, each with a state main knows', () => {
    const report = contract['phone.reportCalls'].request;
    expect(report.safeParse({ calls: [call(), call({ id: 'b' })] }).success).toBe(true);
    expect(report.safeParse({ calls: [call(), call({ id: 'b' }), call({ id: 'c' })] }).success).toBe(false);
    expect(report.safeParse({ calls: [{ ...call(), state: 'ended' }] }).success).toBe(false);
    expect(report.safeParse({ calls: [{ ...call(), extra: 1 }] }).success).toBe(false);
  });
});
