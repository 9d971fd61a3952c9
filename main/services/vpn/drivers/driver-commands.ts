import { CommandError, firstLine, type CommandResult, type CommandRunner } from '../command-runner';
import { DriverError, type DriverStatus } from './driver';

/** The driver's command could not be asked: it is not installed, or it could not start or finish. */
export const commandUnavailableStatus = (error: unknown, command: string, shownAs = command): DriverStatus => ({
  phase: 'unknown',
  reason:
    error instanceof CommandError && error.kind === 'missing'
      ? { key: 'vpn.reason.commandMissing', params: { command } }
      : { key: 'vpn.reason.commandFailed', params: { command: shownAs, error: (error as Error).message } },
});

/** The driver's command ran and exited with an error: its first line of stderr (never stdout, which may hold secrets). */
export const commandFailedStatus = (result: CommandResult, command: string): DriverStatus => ({
  phase: 'unknown',
  reason: { key: 'vpn.reason.commandFailed', params: { command, error: firstLine(result.stderr) || `exit code ${result.code}` } },
});

export interface DriverAction {
  file: string;
  args: readonly string[];
  timeoutMs: number;
  /** How its error line starts: `rasdial could not connect "Ufficio"`. */
  failure: string;
  /** Why, from the output of a command that exited with an error; the exit code when this is empty. */
  detailOf: (result: CommandResult) => string;
}

/** Runs a connect or disconnect command; rejects with a one-line DriverError when it cannot run or exits with an error. */
export const runDriverAction = async (run: CommandRunner, action: DriverAction): Promise<void> => {
  const result = await run(action.file, action.args, { timeoutMs: action.timeoutMs }).catch((error: Error) => {
    const missing = error instanceof CommandError && error.kind === 'missing';
    throw new DriverError(
      `${action.failure}: ${error.message}`,
      missing ? { code: 'vpn.driver-missing', params: { command: action.file } } : undefined,
    );
  });
  if (result.code !== 0) throw new DriverError(`${action.failure}: ${action.detailOf(result) || `exit code ${result.code}`}`);
};
