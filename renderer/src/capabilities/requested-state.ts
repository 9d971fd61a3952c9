import { messageOf } from '../../../common/error-message';

/** A capability's state as main last gave it, and the one request at a time that changes it. */
export interface RequestedState<State> {
  state?: State | undefined;
  /** A request is under way. */
  busy: boolean;
  /** The last request's one-line failure. */
  error?: string | undefined;
}

/** Runs requests that answer with the new state: busy while one runs, then the state it gave or its failure. */
export const stateRequests =
  <State>(set: (partial: Partial<RequestedState<State>>) => void) =>
  async (request: () => Promise<State>): Promise<void> => {
    set({ busy: true, error: undefined });
    try {
      set({ state: await request() });
    } catch (error) {
      set({ error: messageOf(error) });
    } finally {
      set({ busy: false });
    }
  };
