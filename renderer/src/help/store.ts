import { create } from 'zustand';
import type { AudioDeviceFindings, SelfTestCheck, SelfTestReport } from '../../../common/contract/help';
import type { ScrivaniaApi } from '../../../common/contract';
import { getApi } from '../bridge/api';
import { shownErrorOr, type ShownError } from '../errors/catalogue';

interface HelpStore {
  /** The last finished self-test, from main (kept across restarts); null until one ran. */
  last?: SelfTestReport | null | undefined;
  running: boolean;
  /** The checks finished so far in the run under way. */
  progress: { checks: SelfTestCheck[]; total?: number };
  /** Why the last run could not be asked for, in one line. */
  error?: ShownError | undefined;
  runSelfTest(): Promise<void>;
}

const permissionOf = async (): Promise<AudioDeviceFindings['microphonePermission']> => {
  try {
    const status = await navigator.permissions.query({ name: 'microphone' as PermissionName });
    return status.state;
  } catch {
    // Some engines do not know the microphone permission by name.
    return 'unknown';
  }
};

/** What only the window can see: its audio devices and whether it may use the microphone. */
export const audioFindings = async (): Promise<AudioDeviceFindings> => {
  const devices = (await navigator.mediaDevices?.enumerateDevices().catch(() => [])) ?? [];
  return {
    microphones: devices.filter((device) => device.kind === 'audioinput').length,
    speakers: devices.filter((device) => device.kind === 'audiooutput').length,
    microphonePermission: await permissionOf(),
  };
};

export const useHelpStore = create<HelpStore>()((set, get) => ({
  running: false,
  progress: { checks: [] },
  runSelfTest: async () => {
    if (get().running) return;
    set({ running: true, error: undefined, progress: { checks: [] } });
    try {
      const audio = await audioFindings();
      set({ last: await getApi().invoke('help.selfTest.run', { audio }) });
    } catch (error) {
      set({ error: shownErrorOr(error, 'help.self-test-failed') });
    } finally {
      set({ running: false });
    }
  },
}));

/** Follows the last report (retained, so the dashboard has it at once) and each check of a run as it finishes. */
export const connectHelp = (api: ScrivaniaApi): (() => void) => {
  const stops = [
    api.on('help.selfTest.last', (last) => useHelpStore.setState({ last })),
    api.on('help.selfTest.progress', ({ check, total }) =>
      useHelpStore.setState((state) => ({
        progress: { checks: [...state.progress.checks.filter((done) => done.id !== check.id), check], total },
      })),
    ),
  ];
  return () => stops.forEach((stop) => stop());
};

/** How many checks ended with an outcome. */
