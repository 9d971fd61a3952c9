import { execFile } from 'node:child_process';

export interface CommandResult {
  /** The exit code; null when a signal ended the command. */
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a program without a shell, within `timeoutMs`. Rejects with a one-line error when it cannot start or overruns. */
export type CommandRunner = (file: string, args: readonly string[], options: { timeoutMs: number }) => Promise<CommandResult>;

export class CommandError extends Error {
  override readonly name = 'CommandError';
  constructor(
    message: string,
    /** `missing`: the program is not installed; `timeout`: it overran its time limit. */
    readonly kind: 'missing' | 'timeout' | 'failed',
  ) {
    super(message);
  }
}

/**
 * The real runner. Output may hold secrets (the first line of `wg show dump` is a private key), so neither this
 * nor its errors ever include stdout. The C locale keeps the programs' output parseable.
 */
export const execFileRunner: CommandRunner = (file, args, { timeoutMs }) =>
  new Promise((resolve, reject) => {
    execFile(
      file,
      [...args],
      {
        timeout: timeoutMs,
        killSignal: 'SIGKILL',
        maxBuffer: 1024 * 1024,
        windowsHide: true,
        encoding: 'utf8',
        env: { ...process.env, LC_ALL: 'C', LANG: 'C' },
      },
      (error, stdout, stderr) => {
        if (!error) return resolve({ code: 0, stdout, stderr });
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'ENOENT') return reject(new CommandError(`${file} is not installed`, 'missing'));
        if (error.killed) return reject(new CommandError(`${file} did not finish within ${timeoutMs / 1000} s`, 'timeout'));
        if (typeof code === 'string') return reject(new CommandError(`${file} could not run: ${code}`, 'failed'));
        resolve({ code: typeof code === 'number' ? code : null, stdout, stderr });
      },
    );
  });

/** The first non-empty line of a command's error output, for a one-line reason. */
export const firstLine = (text: string): string =>
  text
    .split(/\r?\n/)
    .find((line) => line.trim() !== '')
    ?.trim() ?? '';
