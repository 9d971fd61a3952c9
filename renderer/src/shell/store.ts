import { create } from 'zustand';
import type { AppInfo, AppStatus, ScrivaniaApi } from '../../../common/contract';
import type { View } from '../capabilities/capability';

export type { View };

interface ShellState {
  view: View;
  info?: AppInfo | undefined;
  status?: AppStatus | undefined;
  error?: string | undefined;
  show(view: View): void;
}

export const useShellStore = create<ShellState>()((set) => ({
  view: 'dashboard',
  show: (view) => set({ view }),
}));

/** Connects the shell to main: app info once, the status as it changes. */
export const connectShell = (api: ScrivaniaApi): (() => void) => {
  api.invoke('app.info', {}).then(
    (info) => useShellStore.setState({ info }),
    (error: Error) => useShellStore.setState({ error: error.message }),
  );
  return api.on('app.status', (status) => useShellStore.setState({ status }));
};
