import { create } from 'zustand';
import type { UpdatesState } from '../../../common/contract/updates';
import type { ScrivaniaApi } from '../../../common/contract';
import { getApi } from '../bridge/api';

/** The update state, and the Check now and Restart requests. */
interface UpdatesStore {
  state?: UpdatesState | undefined;
  /** A request is under way. */
  busy: boolean;
  /** The last request's failure as thrown, for ErrorNotice: its problem and its technical line. */
  error?: unknown;
  check(): Promise<void>;
  install(): Promise<void>;
}

export const useUpdatesStore = create<UpdatesStore>()((set) => {
  const perform = async (request: () => Promise<UpdatesState>): Promise<void> => {
    set({ busy: true, error: undefined });
    try {
      set({ state: await request() });
    } catch (error) {
      set({ error });
    } finally {
      set({ busy: false });
    }
  };
  return {
    busy: false,
    check: () => perform(() => getApi().invoke('updates.check', {})),
    install: () => perform(() => getApi().invoke('updates.install', {})),
  };
});

/** Follows main's update state; `updates.state` is retained, so a new subscriber gets the current state at once. */
export const connectUpdates = (api: ScrivaniaApi): (() => void) => api.on('updates.state', (state) => useUpdatesStore.setState({ state }));
