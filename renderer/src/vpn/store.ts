import { create } from 'zustand';
import type { StatusLevel } from '../../../common/contract/app';
import type { VpnState, VpnStateName } from '../../../common/contract/vpn';
import type { ScrivaniaApi } from '../../../common/contract';
import { getApi } from '../bridge/api';
import { stateRequests, type RequestedState } from '../capabilities/requested-state';

/** The VPN's state, and the Connect, Disconnect and Check again requests. */
interface VpnStore extends RequestedState<VpnState> {
  connect(): Promise<void>;
  disconnect(): Promise<void>;
  refresh(): Promise<void>;
}

export const useVpnStore = create<VpnStore>()((set) => {
  const perform = stateRequests<VpnState>(set);
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
