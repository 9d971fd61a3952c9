import { create } from 'zustand';
import type { AppInfo, AppStatus, ScrivaniaApi } from '../../../common/contract';
import type { View } from '../capabilities/capability';

export type { View };

interface ShellState {
  view: View;
  info?: AppInfo | undefined;
  status?: AppStatus | undefined;
  error?: string | undefined;
  /** A pane that wants the whole window (the connected office PC): no top bar, no navigation. */
  immersive: boolean;
  show(view: View): void;
  setImmersive(immersive: boolean): void;
}

export const useShellStore = create<ShellState>()((set) => ({
  view: 'dashboard',
  immersive: false,
  show: (view) => set({ view }),
  setImmersive: (immersive) => set({ immersive }),
}));

/** Connects the shell to main: app info once, the status as it changes. */
export const connectShell = (api: ScrivaniaApi): (() => void) => {
  api.invoke('app.info', {}).then(
    (info) => useShellStore.setState({ info }),
    (error: Error) => useShellStore.setState({ error: error.message }),
  );
  return api.on('app.status', (status) => useShellStore.setState({ status }));
};
