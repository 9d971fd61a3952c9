import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { CalendarFetchError, fetchError, type CalendarProvider, type FetchOutcome, type Validators } from './calendar-provider';
import { messageOf } from '../../../../common/error-message';

const MAX_FILE_BYTES = 64 * 1024 * 1024;

const reasonOf = (error: unknown): string => {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  if (code === 'ENOENT') return 'the file does not exist';
  if (code === 'EACCES' || code === 'EPERM') return 'the file cannot be read (permission denied)';
  if (code === 'EISDIR') return 'this is a folder, not a file';
  return messageOf(error);
};

/** A local .ics file: read again only when its modification time or size changed. */
export class FileCalendarProvider implements CalendarProvider {
  readonly where: string;

  constructor(private readonly path: string) {
    this.where = basename(path);
  }

  async fetch(previous: Validators | undefined): Promise<FetchOutcome> {
    try {
      const info = await stat(this.path);
      if (!info.isFile()) throw fetchError('meetings.calendar-file-unreadable', `${this.where}: this is not a file`, { file: this.where });
      if (info.size > MAX_FILE_BYTES)
        throw fetchError('meetings.calendar-too-large', `${this.where}: the file is larger than ${MAX_FILE_BYTES / 1024 / 1024} MB`, {
          megabytes: MAX_FILE_BYTES / 1024 / 1024,
        });
      const fileStamp = `${info.mtimeMs}:${info.size}`;
      if (previous?.fileStamp === fileStamp) return { kind: 'unchanged' };
      return { kind: 'changed', text: await readFile(this.path, 'utf8'), validators: { fileStamp } };
    } catch (error) {
      if (error instanceof CalendarFetchError) throw error;
      const missing = typeof error === 'object' && error !== null && 'code' in error && error.code === 'ENOENT';
      throw fetchError(
        missing ? 'meetings.calendar-file-missing' : 'meetings.calendar-file-unreadable',
        `${this.where}: ${reasonOf(error)}`,
        {
          file: this.where,
        },
      );
    }
  }
}
