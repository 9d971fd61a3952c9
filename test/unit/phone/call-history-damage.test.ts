import { appendFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CallRecord, CallRecordInput } from '../../../common/contract/phone';
import { CallHistoryStore } from '../../../main/services/phone/call-history-store';
import { corruptions } from '../storage/corruptions';

const call = (number: string): CallRecordInput => ({
  direction: 'incoming',
  number,
  startedAt: '2026-06-01T09:00:00.000Z',
  durationSeconds: 30,
  outcome: 'answered',
});

let dir: string;
let file: string;
let ids = 0;
const store = () => new CallHistoryStore(file, () => `call-${++ids}`);

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'scrivania-history-damage-'));
  file = join(dir, 'phone', 'call-history.jsonl');
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const recordThree = async (): Promise<CallRecord[]> => {
  const target = store();
  const kept: CallRecord[] = [];
  for (const number of ['3001', '3002', '3003']) kept.push(await target.append(call(number), () => kept));
  return kept;
};

/** What survives each kind of damage to three stored calls: the entries left, and whether the loss is said. */
const survivors: Record<string, { numbers: string[]; told: RegExp | undefined }> = {
  empty: { numbers: [], told: undefined },
  half: { numbers: ['3001'], told: /^1 damaged entry of the call history could not be read and was dropped$/ },
  'random bytes': { numbers: [], told: /^\d+ damaged entries of the call history could not be read and were dropped$/ },
  // A key's colon taken from the first line and the closing brace from the last.
  'broken JSON': { numbers: ['3002'], told: /^2 damaged entries of the call history could not be read and were dropped$/ },
  'a folder in its place': { numbers: [], told: /^call-history\.jsonl is unreadable: / },
  'torn line': { numbers: ['3001', '3003'], told: /^1 damaged entry of the call history could not be read and was dropped$/ },
};

describe.each(corruptions)('the call history damaged ($kind)', (corruption) => {
  it('keeps every sound entry, drops the rest, and says so in one line', async () => {
    await recordThree();
    await corruption.damage(file);

    const loaded = await store().load();
    const expected = survivors[corruption.kind];
    expect(loaded.calls.map((entry) => entry.number)).toEqual(expected?.numbers);
    if (expected?.told) expect(loaded.problem).toMatch(expected.told);
    else expect(loaded.problem).toBeUndefined();
    expect(loaded.problem ?? '').not.toContain('\n');
  });
});

describe('a call history line written twice', () => {
  it('is one call, and the file is rewritten with it once', async () => {
    const calls = await recordThree();
    const lines = (await readFile(file, 'utf8')).split('\n');
    await appendFile(file, `${lines[1]}\n`);

    const loaded = await store().load();
    expect(loaded.calls.map((entry) => entry.id)).toEqual(calls.map((entry) => entry.id));
    expect(loaded.problem).toBeUndefined();
    expect((await readFile(file, 'utf8')).split('\n').filter(Boolean)).toHaveLength(3);
  });
});
