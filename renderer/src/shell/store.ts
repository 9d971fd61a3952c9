import { create } from 'zustand';
import type { AppInfo, AppStatus, CapabilityId } from '../../../common/contract';
import { getApi } from '../bridge/api';

export type View = 'dashboard' | CapabilityId | 'profile' | 'settings' | 'help';

interface ShellState {
  view: View;
  info?: AppInfo;
  status?: AppStatus;
  error?: string;
  show(view: View): void;
}

export const useShellStore = create<ShellState>()((set) => ({
  view: 'dashboard',
  show: (view) => set({ view }),
}));

/** Connects the shell to main: app info once, the status as it changes. */
export const connectShell = (): (() => void) => {
  const api = getApi();
  api.invoke('app.info', {}).then(
    (info) => useShellStore.setState({ info }),
    (error: Error) => useShellStore.setState({ error: error.message }),
  );
  return api.on('app.status', (status) => useShellStore.setState({ status }));
};
