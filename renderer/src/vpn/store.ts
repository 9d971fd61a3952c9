import { create } from 'zustand';
import type { StatusLevel } from '../../../common/contract/app';
import type { VpnState, VpnStateName } from '../../../common/contract/vpn';
import type { ScrivaniaApi } from '../../../common/contract';
import { getApi } from '../bridge/api';
import { messageOf } from '../../../common/error-message';

interface VpnStore {
  state?: VpnState | undefined;
  /** A Connect, Disconnect or Check again request is under way. */
  busy: boolean;
  /** The last request's one-line failure. */
  error?: string | undefined;
  connect(): Promise<void>;
  disconnect(): Promise<void>;
  refresh(): Promise<void>;
}

const perform = async (request: () => Promise<VpnState>): Promise<void> => {
  useVpnStore.setState({ busy: true, error: undefined });
  try {
    useVpnStore.setState({ state: await request() });
  } catch (error) {
    useVpnStore.setState({ error: messageOf(error) });
  } finally {
    useVpnStore.setState({ busy: false });
  }
};

export const useVpnStore = create<VpnStore>()(() => ({
  busy: false,
  connect: () => perform(() => getApi().invoke('vpn.connect', {})),
  disconnect: () => perform(() => getApi().invoke('vpn.disconnect', {})),
  refresh: () => perform(() => getApi().invoke('vpn.status', { refresh: true })),
}));

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
