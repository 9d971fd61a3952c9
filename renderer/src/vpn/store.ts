import { create } from 'zustand';
import type { StatusLevel } from '../../../common/contract/app';
import type { VpnState, VpnStateName } from '../../../common/contract/vpn';
import type { ScrivaniaApi } from '../../../common/contract';
import { getApi } from '../bridge/api';
import { shownErrorOr, type ShownError } from '../errors/catalogue';

/** The VPN's state, and the Connect, Disconnect and Check again requests, one at a time. */
interface VpnStore {
  state?: VpnState | undefined;
  busy: boolean;
  /** The last request's failure, as the pane says it. */
  error?: ShownError | undefined;
  connect(): Promise<void>;
  disconnect(): Promise<void>;
  refresh(): Promise<void>;
}

export const useVpnStore = create<VpnStore>()((set) => {
  const perform = async (request: () => Promise<VpnState>): Promise<void> => {
    set({ busy: true, error: undefined });
    try {
      set({ state: await request() });
    } catch (error) {
      set({ error: shownErrorOr(error, 'vpn.action-failed') });
    } finally {
      set({ busy: false });
    }
  };
  return {
    busy: false,
    connect: () => perform(() => getApi().invoke('vpn.connect', {})),
    disconnect: () => perform(() => getApi().invoke('vpn.disconnect', {})),
    refresh: () => perform(() => getApi().invoke('vpn.status', { refresh: true })),
  };
});

/** Follows main's VPN state; `vpn.state` is retained, so a new subscriber gets the current state at once. */
export const connectVpn = (api: ScrivaniaApi): (() => void) => api.on('vpn.state', (state) => useVpnStore.setState({ state }));

/** The badge colour of each state, as the dashboard card shows it. */
export const levelOf: Record<VpnStateName, StatusLevel> = {
  connected: 'ok',
  degraded: 'warning',
  connecting: 'busy',
  disconnected: 'error',
  unknown: 'busy',
};
