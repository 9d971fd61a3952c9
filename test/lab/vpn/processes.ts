import { execFile, spawn, type ChildProcess } from 'node:child_process';

/** Runs a program to completion (no shell) and resolves with its stdout; rejects with a one-line error naming it. */
export const run = (file: string, args: readonly string[], timeoutMs = 15_000): Promise<string> =>
  new Promise((resolve, reject) => {
    execFile(file, [...args], { timeout: timeoutMs, encoding: 'utf8', maxBuffer: 4 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (!error) return resolve(stdout);
      const detail = (stderr || stdout || error.message).trim().split('\n').slice(-3).join(' | ');
      reject(new Error(`${file} ${args.join(' ')} failed: ${detail}`));
    });
  });

const OUTPUT_KEPT = 16 * 1024;

/** A long-running peer: its output is kept (the tail) so a failure can say what the peer said. */
export class LabProcess {
  private output = '';
  readonly exited: Promise<number | null>;

  constructor(
    readonly name: string,
    readonly child: ChildProcess,
  ) {
    const keep = (chunk: Buffer): void => {
      this.output = (this.output + chunk.toString('utf8')).slice(-OUTPUT_KEPT);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    this.exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  tail(lines = 15): string {
    return this.output.trim().split('\n').slice(-lines).join('\n');
  }

  /** Resolves once the output matches `pattern`; rejects (with the output's tail) on exit or after `timeoutMs`. */
  waitForOutput(pattern: RegExp, timeoutMs: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const check = (): void => {
        if (!pattern.test(this.output)) return;
        cleanup();
        resolve();
      };
      const timer = setTimeout(() => fail(`${this.name} did not print ${pattern} within ${timeoutMs / 1000} s`), timeoutMs);
      const onExit = (): void => fail(`${this.name} exited before printing ${pattern}`);
      const fail = (message: string): void => {
        cleanup();
        reject(new Error(`${message}; its output ends:\n${this.tail()}`));
      };
      const cleanup = (): void => {
        clearTimeout(timer);
        this.child.stdout?.off('data', check);
        this.child.stderr?.off('data', check);
        this.child.off('exit', onExit);
      };
      this.child.stdout?.on('data', check);
      this.child.stderr?.on('data', check);
      this.child.once('exit', onExit);
      check();
    });
  }

  /** Sends `signal` and waits for the exit; SIGKILL after `graceMs`. */
  async stop(signal: NodeJS.Signals = 'SIGTERM', graceMs = 3_000): Promise<void> {
    if (!this.running) return;
    this.child.kill(signal);
    const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
    await this.exited;
    clearTimeout(timer);
  }
}

export const startProcess = (
  name: string,
  file: string,
  args: readonly string[],
  options: { stdin?: 'pipe' | 'ignore' } = {},
): LabProcess => new LabProcess(name, spawn(file, [...args], { stdio: [options.stdin ?? 'ignore', 'pipe', 'pipe'] }));
