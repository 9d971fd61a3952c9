import { randomBytes } from 'node:crypto';
import type { z } from 'zod';
import { mkdir, open, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { parseJson } from './safe-json';
import { oneLineMessageOf } from '../../../common/error-message';
import { formatSchemaError } from '../../../common/profiles/profile-schema';

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

/** `state.json` → `state.last-good.json`: the copy kept beside a file, written after it on every save. */
export const lastGoodFileOf = (file: string): string => {
  const name = basename(file);
  const dot = name.lastIndexOf('.');
  return join(dirname(file), dot > 0 ? `${name.slice(0, dot)}.last-good${name.slice(dot)}` : `${name}.last-good`);
};

export interface StoredLoad<T> {
  value?: T;
  /** One line saying what was wrong with the file and what was used instead. */
  problem?: string;
  /** The file was damaged and `value` is its last good copy. */
  fromLastGood?: boolean;
}

/**
 * One JSON file checked against `schema` when read and written atomically, one write after the other, with a last
 * good copy beside it. A file that is missing gives no value; a damaged one, or one this version does not expect,
 * gives the one line saying why and the last good copy's value when that copy is sound (the file is then rewritten
 * from it).
 */
export class StoredJsonFile<T> {
  private queue: Promise<unknown> = Promise.resolve();
  readonly lastGoodFile: string;

  constructor(
    readonly file: string,
    private readonly schema: z.ZodType<T>,
  ) {
    this.lastGoodFile = lastGoodFileOf(file);
  }

  async load(): Promise<StoredLoad<T>> {
    await Promise.all([removeStaleTempFiles(this.file), removeStaleTempFiles(this.lastGoodFile)]);
    const current = await this.read(this.file);
    if (current.status === 'absent') return {};
    if (current.status === 'ok') return { value: current.value };
    const kept = await this.read(this.lastGoodFile);
    if (kept.status !== 'ok') return { problem: current.reason };
    const keptAt = await modifiedAt(this.lastGoodFile);
    await this.save(kept.value).catch(() => undefined);
    return {
      value: kept.value,
      fromLastGood: true,
      problem: `${current.reason}; the last good copy${keptAt ? ` from ${keptAt}` : ''} was used instead`,
    };
  }

  /** The file, then its last good copy: a crash in between leaves the new file and the previous copy, both sound. */
  save(value: T): Promise<void> {
    const text = `${JSON.stringify(value, null, 2)}\n`;
    const next = this.queue.then(async () => {
      await writeFileAtomic(this.file, text);
      await writeFileAtomic(this.lastGoodFile, text);
    });
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async read(file: string): Promise<StoredRead<T>> {
    const stored = await readStoredJson(file);
    if (stored.status !== 'ok') return stored;
    const parsed = this.schema.safeParse(stored.value);
    if (parsed.success) return { status: 'ok', value: parsed.data };
    return { status: 'corrupt', reason: `${basename(file)} is corrupt and was ignored: ${formatSchemaError(parsed.error)}` };
  }
}

const modifiedAt = async (file: string): Promise<string | undefined> => {
  try {
    return (await stat(file)).mtime.toISOString();
  } catch {
    return undefined;
  }
};
