import { create } from 'zustand';
import type { UpdatesState } from '../../../common/contract/updates';
import type { ScrivaniaApi } from '../../../common/contract';
import { getApi } from '../bridge/api';
import { messageOf } from '../../../common/error-message';

interface UpdatesStore {
  state?: UpdatesState | undefined;
  /** A Check now or Restart request is under way. */
  busy: boolean;
  /** The last request's one-line failure. */
  error?: string | undefined;
  check(): Promise<void>;
  install(): Promise<void>;
}

const perform = async (request: () => Promise<UpdatesState>): Promise<void> => {
  useUpdatesStore.setState({ busy: true, error: undefined });
  try {
    useUpdatesStore.setState({ state: await request() });
  } catch (error) {
    useUpdatesStore.setState({ error: messageOf(error) });
  } finally {
    useUpdatesStore.setState({ busy: false });
  }
};

export const useUpdatesStore = create<UpdatesStore>()(() => ({
  busy: false,
  check: () => perform(() => getApi().invoke('updates.check', {})),
  install: () => perform(() => getApi().invoke('updates.install', {})),
}));

/** Follows main's update state; `updates.state` is retained, so a new subscriber gets the current state at once. */
export const connectUpdates = (api: ScrivaniaApi): (() => void) => api.on('updates.state', (state) => useUpdatesStore.setState({ state }));
