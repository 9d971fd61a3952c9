import { randomBytes } from 'node:crypto';
import type { z } from 'zod';
import { mkdir, open, readdir, readFile, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { parseJson } from './safe-json';
import { oneLineMessageOf } from '../../../common/error-message';

/** `.name.<random>.tmp` next to the file it will replace, so the rename never crosses file systems. */
const tempNameFor = (file: string): string => join(dirname(file), `.${basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
const isTempOf = (file: string, candidate: string): boolean => candidate.startsWith(`.${basename(file)}.`) && candidate.endsWith('.tmp');

const syncDirectory = async (dir: string): Promise<void> => {
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Windows cannot open a directory for fsync; the rename is still atomic there.
  }
};

/**
 * Replaces `file` so that a reader, or the next start after a crash, sees either the old content or the new one,
 * never a mix: write a temp file in the same directory, fsync it, rename it over the target, fsync the directory.
 */
export const writeFileAtomic = async (file: string, data: string | Uint8Array, mode = 0o600): Promise<void> => {
  const dir = dirname(file);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const temp = tempNameFor(file);
  try {
    const handle = await open(temp, 'wx', mode);
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  await syncDirectory(dir);
};

/** Removes temp files a crash left behind; they never hold anything a reader needs. */
export const removeStaleTempFiles = async (file: string): Promise<void> => {
  let names: string[];
  try {
    names = await readdir(dirname(file));
  } catch {
    return;
  }
  await Promise.all(names.filter((name) => isTempOf(file, name)).map((name) => rm(join(dirname(file), name), { force: true })));
};

export type StoredRead<T> = { status: 'absent' } | { status: 'ok'; value: T } | { status: 'corrupt'; reason: string };

export const readStoredBytes = async (file: string): Promise<StoredRead<Uint8Array>> => {
  try {
    return { status: 'ok', value: new Uint8Array(await readFile(file)) };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { status: 'absent' };
    return { status: 'corrupt', reason: `${basename(file)} is unreadable: ${oneLineMessageOf(error)}` };
  }
};

/** A stored JSON file; anything wrong with it is one line and the caller treats the file as absent. */
export const readStoredJson = async (file: string): Promise<StoredRead<unknown>> => {
  const bytes = await readStoredBytes(file);
  if (bytes.status !== 'ok') return bytes;
  const json = parseJson(new TextDecoder().decode(bytes.value));
  if (!json.ok) return { status: 'corrupt', reason: `${basename(file)} is corrupt and was ignored: ${json.reason}` };
  return { status: 'ok', value: json.value };
};

/**
 * One JSON file checked against `schema` when read and written atomically, one write after the other. A file that
 * is missing gives no value; a damaged one, or one this version does not expect, gives the one line saying why.
 */
export class StoredJsonFile<T> {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    readonly file: string,
    private readonly schema: z.ZodType<T>,
    /** The line for a file that parses but does not match `schema`. */
    private readonly mismatch: string,
  ) {}

  async load(): Promise<{ value?: T; problem?: string }> {
    await removeStaleTempFiles(this.file);
    const stored = await readStoredJson(this.file);
    if (stored.status === 'absent') return {};
    if (stored.status === 'corrupt') return { problem: stored.reason };
    const parsed = this.schema.safeParse(stored.value);
    return parsed.success ? { value: parsed.data } : { problem: this.mismatch };
  }

  save(value: T): Promise<void> {
    const next = this.queue.then(() => writeFileAtomic(this.file, `${JSON.stringify(value, null, 2)}\n`));
    this.queue = next.catch(() => undefined);
    return next;
  }
}
