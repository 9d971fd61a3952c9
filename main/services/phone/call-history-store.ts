import { createHash, randomUUID } from 'node:crypto';
import { mkdir, open } from 'node:fs/promises';
import { dirname } from 'node:path';
import { CallRecord, type CallRecordInput } from '../../../common/contract/phone';
import { readStoredBytes, removeStaleTempFiles, writeFileAtomic } from '../storage/atomic-file';

/** The most calls kept; older ones are dropped when the file is compacted. */
export const MAX_CALLS = 500;
/** Lines in the file before it is rewritten without the dropped ones. */
const COMPACT_AT_LINES = MAX_CALLS * 2;

const checksum = (json: string): string => createHash('sha256').update(json).digest('hex').slice(0, 16);

/** One call per line, `<checksum> <json>`: a line cut short by a crash fails its checksum and is dropped alone. */
const encodeLine = (record: CallRecord): string => {
  const json = JSON.stringify(record);
  return `${checksum(json)} ${json}\n`;
};

const decodeLine = (line: string): CallRecord | undefined => {
  const space = line.indexOf(' ');
  if (space !== 16) return undefined;
  const json = line.slice(space + 1);
  if (checksum(json) !== line.slice(0, space)) return undefined;
  try {
    const parsed = CallRecord.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
};

/** One call per id, where it first appears: a line written twice (a retried append, a copied file) is one call. */
const mergedById = (calls: readonly CallRecord[]): CallRecord[] => {
  const byId = new Map<string, CallRecord>();
  for (const call of calls) if (!byId.has(call.id)) byId.set(call.id, call);
  return [...byId.values()];
};

export interface LoadedHistory {
  /** Oldest first, as stored. */
  calls: CallRecord[];
  /** One line when lines were dropped or the file could not be read. */
  problem?: string;
}

/**
 * The call history on disk as JSON lines. A new call is appended and fsynced; clearing and compaction replace the
 * whole file atomically. Loading drops damaged lines (a torn write) and rewrites the file clean, so the next
 * append never lands after half a line.
 */
export class CallHistoryStore {
  private queue: Promise<unknown> = Promise.resolve();
  private lines = 0;

  constructor(
    private readonly file: string,
    private readonly newId: () => string = randomUUID,
  ) {}

  load(): Promise<LoadedHistory> {
    return this.serialized(async () => {
      await removeStaleTempFiles(this.file);
      const bytes = await readStoredBytes(this.file);
      if (bytes.status === 'absent') return { calls: [] };
      if (bytes.status === 'corrupt') return { calls: [], problem: bytes.reason };
      const text = new TextDecoder().decode(bytes.value);
      const rawLines = text.split('\n');
      // A file that does not end in a newline was cut during an append.
      const tornTail = rawLines.at(-1) !== '';
      const candidates = rawLines.filter((line) => line !== '');
      const decoded = candidates.flatMap((line) => decodeLine(line) ?? []);
      const dropped = candidates.length - decoded.length;
      const calls = mergedById(decoded);
      const kept = calls.slice(-MAX_CALLS);
      if (dropped > 0 || tornTail || kept.length < decoded.length) await this.rewrite(kept);
      else this.lines = candidates.length;
      if (dropped === 0) return { calls: kept };
      return {
        calls: kept,
        problem: `${dropped} damaged ${dropped === 1 ? 'entry' : 'entries'} of the call history could not be read and ${dropped === 1 ? 'was' : 'were'} dropped`,
      };
    });
  }

  append(input: CallRecordInput, keep: () => readonly CallRecord[]): Promise<CallRecord> {
    return this.serialized(async () => {
      const record: CallRecord = { ...input, id: this.newId() };
      if (this.lines + 1 >= COMPACT_AT_LINES) {
        await this.rewrite([...keep(), record].slice(-MAX_CALLS));
        return record;
      }
      await mkdir(dirname(this.file), { recursive: true, mode: 0o700 });
      const handle = await open(this.file, 'a', 0o600);
      try {
        await handle.write(encodeLine(record));
        await handle.sync();
      } finally {
        await handle.close();
      }
      this.lines++;
      return record;
    });
  }

  clear(): Promise<void> {
    return this.serialized(() => this.rewrite([]));
  }

  private async rewrite(calls: readonly CallRecord[]): Promise<void> {
    await writeFileAtomic(this.file, calls.map(encodeLine).join(''));
    this.lines = calls.length;
  }

  private serialized<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work, work);
    this.queue = next.catch(() => undefined);
    return next;
  }
}
