import type { WindowsRasDriverConfig } from '../../../../common/vpn/vpn-config';
import type { CommandRunner } from '../command-runner';
import { commandUnavailableStatus, runDriverAction } from './driver-commands';
import type { DriverStatus, VpnDriver } from './driver';
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
      return commandUnavailableStatus(error, 'rasdial');
    }
  }

  connect(): Promise<void> {
    return this.rasdial([this.options.config.entry], 'connect');
  }

  disconnect(): Promise<void> {
    return this.rasdial([this.options.config.entry, '/DISCONNECT'], 'disconnect');
  }

  dispose(): void {}

  private rasdial(args: string[], action: string): Promise<void> {
    return runDriverAction(this.options.run, {
      file: 'rasdial',
      args,
      timeoutMs: this.options.connectTimeoutMs,
      failure: `rasdial could not ${action} "${this.options.config.entry}"`,
      detailOf: (result) => rasdialError(result.stdout) || rasdialError(result.stderr),
    });
  }
}
