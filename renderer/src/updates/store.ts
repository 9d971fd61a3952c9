import { create } from 'zustand';
import type { UpdatesState } from '../../../common/contract/updates';
import type { ScrivaniaApi } from '../../../common/contract';
import { getApi } from '../bridge/api';
import { stateRequests, type RequestedState } from '../capabilities/requested-state';

/** The update state, and the Check now and Restart requests. */
interface UpdatesStore extends RequestedState<UpdatesState> {
  check(): Promise<void>;
  install(): Promise<void>;
}

export const useUpdatesStore = create<UpdatesStore>()((set) => {
  const perform = stateRequests<UpdatesState>(set);
  return {
    busy: false,
    check: () => perform(() => getApi().invoke('updates.check', {})),
    install: () => perform(() => getApi().invoke('updates.install', {})),
  };
});

/** Follows main's update state; `updates.state` is retained, so a new subscriber gets the current state at once. */
export const connectUpdates = (api: ScrivaniaApi): (() => void) => api.on('updates.state', (state) => useUpdatesStore.setState({ state }));
