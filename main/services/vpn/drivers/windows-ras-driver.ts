import type { WindowsRasDriverConfig } from '../../../../common/vpn/vpn-config';
import { CommandError, type CommandRunner } from '../command-runner';
import { DriverError, type DriverStatus, type VpnDriver } from './driver';
import { rasdialError, rasdialListsEntry } from './rasdial-parser';

export interface WindowsRasDriverOptions {
  config: WindowsRasDriverConfig;
  run: CommandRunner;
  connectTimeoutMs: number;
}

/** A Windows built-in VPN (phonebook entry) through `rasdial`, with the credentials Windows saved for it. */
export class WindowsRasDriver implements VpnDriver {
  readonly kind = 'windows-ras';
  readonly canConnect = true;
  readonly canDisconnect = true;

  constructor(private readonly options: WindowsRasDriverOptions) {}

  start(): void {}

  async status(timeoutMs: number): Promise<DriverStatus> {
    const entry = this.options.config.entry;
    try {
      const result = await this.options.run('rasdial', [], { timeoutMs });
      if (rasdialListsEntry(result.stdout, entry)) return { phase: 'connected' };
      return { phase: 'down', reason: { key: 'vpn.reason.rasNotConnected', params: { entry } } };
    } catch (error) {
      const missing = error instanceof CommandError && error.kind === 'missing';
      return {
        phase: 'unknown',
        reason: missing
          ? { key: 'vpn.reason.commandMissing', params: { command: 'rasdial' } }
          : { key: 'vpn.reason.commandFailed', params: { command: 'rasdial', error: (error as Error).message } },
      };
    }
  }

  connect(): Promise<void> {
    return this.rasdial([this.options.config.entry], 'connect');
  }

  disconnect(): Promise<void> {
    return this.rasdial([this.options.config.entry, '/DISCONNECT'], 'disconnect');
  }

  dispose(): void {}

  private async rasdial(args: string[], action: string): Promise<void> {
    const entry = this.options.config.entry;
    const result = await this.options.run('rasdial', args, { timeoutMs: this.options.connectTimeoutMs }).catch((error: Error) => {
      throw new DriverError(`rasdial could not ${action} "${entry}": ${error.message}`);
    });
    if (result.code !== 0)
      throw new DriverError(
        `rasdial could not ${action} "${entry}": ${rasdialError(result.stdout) || rasdialError(result.stderr) || `exit code ${result.code}`}`,
      );
  }
}
