import { create } from 'zustand';
import type { KeychainAvailability, SecretId, SecretScopeKey, SecretScopes } from '../../../common/contract/credentials';
import { getApi } from '../bridge/api';

interface CredentialsStore {
  availability?: KeychainAvailability | undefined;
  /** Which secrets the keychain holds for the active organisation; never the secrets themselves. */
  saved: Partial<Record<SecretId, boolean>>;
  /** The active organisation and the others whose passwords are still in the keychain, as main last said. */
  scopes?: SecretScopes | undefined;
  refresh(ids: readonly SecretId[]): Promise<void>;
  save(id: SecretId, secret: string): Promise<void>;
  forget(id: SecretId): Promise<void>;
  /** Removes every password of another organisation; how many there were. */
  forgetScope(scope: SecretScopeKey): Promise<number>;
}

export const useCredentialsStore = create<CredentialsStore>()((set, get) => ({
  saved: {},
  refresh: async (ids) => {
    const api = getApi();
    const availability = await api.invoke('credentials.status', {});
    const held = await Promise.all(ids.map(async (id) => [id, await api.invoke('credentials.has', { id })] as const));
    set({ availability, saved: { ...get().saved, ...Object.fromEntries(held) } });
  },
  save: async (id, secret) => {
    await getApi().invoke('credentials.save', { id, secret });
    set({ saved: { ...get().saved, [id]: true } });
  },
  forget: async (id) => {
    await getApi().invoke('credentials.forget', { id });
    set({ saved: { ...get().saved, [id]: false } });
  },
  forgetScope: async (scope) => (await getApi().invoke('credentials.forgetScope', { scope })).removed,
}));

let watchers = 0;
let stopWatching: (() => void) | undefined;

/**
 * Follows main's scopes while some pane shows them; returns the unsubscribe. When the organisation changes, what
 * was known to be saved belonged to the other one, so it is forgotten until the panes refresh.
 */
export const watchSecretScopes = (): (() => void) => {
  watchers += 1;
  stopWatching ??= getApi().on('credentials.scopesChanged', (scopes) => {
    const before = useCredentialsStore.getState().scopes?.active.scope;
    useCredentialsStore.setState(before === undefined || before === scopes.active.scope ? { scopes } : { scopes, saved: {} });
  });
  return () => {
    watchers -= 1;
    if (watchers > 0) return;
    stopWatching?.();
    stopWatching = undefined;
  };
};
