import { appendFile, mkdtemp, readFile, readdir, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CallRecord, CallRecordInput } from '../../../common/contract/phone';
import { CallHistoryStore, MAX_CALLS } from '../../../main/services/phone/call-history-store';

const call = (number: string, outcome: CallRecordInput['outcome'] = 'answered'): CallRecordInput => ({
  direction: 'incoming',
  number,
  name: 'Mario Rossi',
  divertedFrom: { number: '600', group: 'Polizia Municipale', reason: 'unconditional', header: 'Diversion' },
  startedAt: '2026-06-01T09:00:00.000Z',
  durationSeconds: 42,
  outcome,
});

let dir: string;
let file: string;
let ids = 0;
const store = () => new CallHistoryStore(file, () => `call-${++ids}`);

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'scrivania-history-'));
  file = join(dir, 'phone', 'call-history.jsonl');
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const appendAll = async (target: CallHistoryStore, numbers: string[]): Promise<CallRecord[]> => {
  const kept: CallRecord[] = [];
  for (const number of numbers) kept.push(await target.append(call(number), () => kept));
  return kept;
};

describe('the call history store', () => {
  it('starts empty and keeps every call across a restart, in order', async () => {
    expect(await store().load()).toEqual({ calls: [] });
    await appendAll(store(), ['3001', '3002', '3003']);
    const loaded = await store().load();
    expect(loaded.problem).toBeUndefined();
    expect(loaded.calls.map((entry) => entry.number)).toEqual(['3001', '3002', '3003']);
    expect(loaded.calls[0]).toMatchObject({ id: 'call-1', divertedFrom: { group: 'Polizia Municipale' } });
  });

  it('survives a write torn by a crash: the cut line is dropped, the others kept, the file rewritten clean', async () => {
    await appendAll(store(), ['3001', '3002', '3003']);
    const whole = await readFile(file, 'utf8');
    // The crash came in the middle of the third line.
    await truncate(file, whole.length - 40);
    const reopened = store();
    const loaded = await reopened.load();
    expect(loaded.calls.map((entry) => entry.number)).toEqual(['3001', '3002']);
    expect(loaded.problem).toBe('1 damaged entry of the call history could not be read and was dropped');
    // The next call lands on a line of its own and everything reads back.
    await reopened.append(call('3004'), () => loaded.calls);
    expect((await store().load()).calls.map((entry) => entry.number)).toEqual(['3001', '3002', '3004']);
  });

  it('drops a line whose content no longer matches its checksum', async () => {
    await appendAll(store(), ['3001', '3002']);
    const text = await readFile(file, 'utf8');
    await writeFile(file, text.replace('"3001"', '"9999"'));
    const loaded = await store().load();
    expect(loaded.calls.map((entry) => entry.number)).toEqual(['3002']);
    expect(loaded.problem).toMatch(/^1 damaged entry/);
  });

  it('ignores garbage appended by something else and leaves no temp files behind', async () => {
    await appendAll(store(), ['3001']);
    await appendFile(file, 'not a call\n\u0000\u0000\u0000');
    await writeFile(join(dir, 'phone', '.call-history.jsonl.abc123.tmp'), 'left by a crash');
    const loaded = await store().load();
    expect(loaded.calls.map((entry) => entry.number)).toEqual(['3001']);
    expect(await readdir(join(dir, 'phone'))).toEqual(['call-history.jsonl']);
  });

  it('clears everything atomically', async () => {
    const target = store();
    await appendAll(target, ['3001', '3002']);
    await target.clear();
    expect(await store().load()).toEqual({ calls: [] });
    expect(await readFile(file, 'utf8')).toBe('');
  });

  it(`keeps at most ${MAX_CALLS} calls, dropping the oldest when it compacts`, async () => {
    const target = store();
    const kept: CallRecord[] = [];
    for (let index = 0; index < MAX_CALLS * 2 + 5; index++) {
      kept.push(await target.append(call(String(1000 + index)), () => kept));
      if (kept.length > MAX_CALLS) kept.shift();
    }
    const loaded = await store().load();
    expect(loaded.calls).toHaveLength(MAX_CALLS);
    expect(loaded.calls.at(-1)?.number).toBe(String(1000 + MAX_CALLS * 2 + 4));
  }, 60_000);

  it('never writes the file readable by others', async () => {
    await appendAll(store(), ['3001']);
    const { stat } = await import('node:fs/promises');
    expect((await stat(file)).mode & 0o077).toBe(0);
  });
});
