import { accessSync, constants, mkdirSync } from 'node:fs';
import { pino, type DestinationStream, type StreamEntry } from 'pino';
import { createStream, type Generator, type RotatingFileStream } from 'rotating-file-stream';
import { rotatedLogName } from './log-files';
import { createLogger, type LogLevel, type LogRecord, type Logger } from './logger';
import { oneLineMessageOf } from '../../../common/error-message';

export const DEFAULT_MAX_LOG_FILE_BYTES = 5 * 1024 * 1024;
/** The file being written and the rotated ones kept behind it. */
export const DEFAULT_MAX_LOG_FILES = 5;

export interface HostLoggerOptions {
  /** The app's log folder; created when missing. */
  logDir: string;
  /** The least severe level written to the files. */
  level: LogLevel;
  /** The terminal, and where the logger says why it could not use the folder. */
  terminal: { write(line: string): unknown };
  terminalLevel: LogLevel;
  maxFileBytes?: number;
  maxFiles?: number;
}

export interface HostLogger {
  log: Logger;
  /** The folder the files are written to; undefined when it was unusable and only the terminal gets the logs. */
  logDir: string | undefined;
  /** Flushes and closes the files. */
  close(): Promise<void>;
}

/** A folder the logger can write into, or the one-line reason it cannot. */
const unusableReason = (logDir: string): string | undefined => {
  try {
    mkdirSync(logDir, { recursive: true, mode: 0o700 });
    accessSync(logDir, constants.W_OK);
    return undefined;
  } catch (error) {
    return oneLineMessageOf(error);
  }
};

const notice = (terminal: HostLoggerOptions['terminal'], message: string, fields: Record<string, unknown>): void =>
  void terminal.write(
    `${JSON.stringify({ time: new Date().toISOString(), level: 'warn', component: 'scrivania.logging', message, ...fields })}\n`,
  );

const openRotatingFile = (options: HostLoggerOptions, onFailure: (reason: string) => void): RotatingFileStream => {
  // With `rotate` (classical rotation) the generator gets only the index, null for the file being written.
  const file = createStream(rotatedLogName as unknown as Generator, {
    path: options.logDir,
    size: `${options.maxFileBytes ?? DEFAULT_MAX_LOG_FILE_BYTES}B`,
    rotate: (options.maxFiles ?? DEFAULT_MAX_LOG_FILES) - 1,
    mode: 0o600,
  });
  file.on('error', (error: unknown) => onFailure(oneLineMessageOf(error)));
  return file;
};

const least = (a: LogLevel, b: LogLevel): LogLevel => (pino.levels.values[a]! <= pino.levels.values[b]! ? a : b);

/**
 * The hosts' logger: pino writing JSON lines to size-rotated files in the app's log folder and to the terminal.
 * Records are redacted by `createLogger` before pino sees them. An unusable folder never stops the app: the
 * terminal says why in one line and gets the logs alone.
 */
export const createHostLogger = (options: HostLoggerOptions): HostLogger => {
  const reason = unusableReason(options.logDir);
  if (reason)
    notice(options.terminal, 'the log folder cannot be written: logging to the terminal only', { logDir: options.logDir, reason });
  let file: RotatingFileStream | undefined;
  let failed = false;
  const failFile = (why: string): void => {
    if (failed) return;
    failed = true;
    notice(options.terminal, 'the log file cannot be written: logging to the terminal only', { logDir: options.logDir, reason: why });
  };
  if (!reason) file = openRotatingFile(options, failFile);
  const fileDestination: DestinationStream = { write: (line) => void (failed ? undefined : file?.write(line)) };
  const streams: StreamEntry<LogLevel>[] = [{ level: options.terminalLevel, stream: options.terminal as DestinationStream }];
  if (file) streams.push({ level: options.level, stream: fileDestination });
  const instance = pino(
    {
      level: file ? least(options.level, options.terminalLevel) : options.terminalLevel,
      base: { pid: process.pid },
      messageKey: 'message',
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    pino.multistream(streams),
  );
  const write = ({ level, time: _time, message, component, ...fields }: LogRecord): void =>
    instance[level]({ component, ...fields }, message);
  return {
    log: createLogger(write),
    logDir: file ? options.logDir : undefined,
    close: () =>
      new Promise<void>((resolve) => {
        if (!file || failed) return resolve();
        file.end(() => resolve());
      }),
  };
};

/** SCRIVANIA_LOG_LEVEL=debug writes everything; otherwise info and above. */
export const logLevelFromEnv = (env: NodeJS.ProcessEnv = process.env, otherwise: LogLevel = 'info'): LogLevel =>
  env['SCRIVANIA_LOG_LEVEL'] === 'debug' ? 'debug' : otherwise;
