import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

/** The file being written; rotated ones are `scrivania.1.log` (the newest) to `scrivania.<n>.log` (the oldest). */
export const CURRENT_LOG_FILE = 'scrivania.log';

export const rotatedLogName = (index: number | null): string =>
  index === null || index === 0 ? CURRENT_LOG_FILE : `scrivania.${index}.log`;

const LOG_NAME = /^scrivania(?:\.(\d+))?\.log$/;

export interface LogFile {
  name: string;
  path: string;
  bytes: number;
}

/** The log files in `logDir`, newest first; none when the folder does not exist. */
export const listLogFiles = async (logDir: string): Promise<LogFile[]> => {
  let names: string[];
  try {
    names = await readdir(logDir);
  } catch {
    return [];
  }
  const indexed = names.flatMap((name) => {
    const match = LOG_NAME.exec(name);
    return match ? [{ name, index: Number(match[1] ?? 0) }] : [];
  });
  indexed.sort((a, b) => a.index - b.index);
  const files = await Promise.all(
    indexed.map(async ({ name }) => {
      const path = join(logDir, name);
      try {
        const info = await stat(path);
        return info.isFile() ? [{ name, path, bytes: info.size }] : [];
      } catch {
        return [];
      }
    }),
  );
  return files.flat();
};
