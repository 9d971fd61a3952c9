import { claimApp } from '../../main/host/electron/before-ready';
import { startElectronHost, type ElectronHost, type ElectronHostOptions } from '../../main/host/electron/electron-host';
import type { FakeElectron } from './fake-electron';

export type HarnessOptions = Omit<ElectronHostOptions, 'endNow'> & { argv?: readonly string[]; endNow?: () => void };

/**
 * The entry module's order on the fake: claim the app while "evaluating", then `ready`, then the host. Returns
 * undefined when the fake's lock is held by another instance. `endNow` is recorded as exit code 137 unless a test
 * gives its own.
 */
export const startHostOnFake = async (fake: FakeElectron, options: HarnessOptions): Promise<ElectronHost | undefined> => {
  const { argv = [], endNow = () => fake.app.exit(137), ...host } = options;
  const inbox = claimApp(fake.electron, { argv, platform: host.platform ?? process.platform });
  if (!inbox) return undefined;
  fake.os.becomeReady();
  return startElectronHost(fake.electron, inbox, { ...host, endNow });
};
