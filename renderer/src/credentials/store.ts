import { create } from 'zustand';
import type { KeychainAvailability, SecretId } from '../../../common/contract/credentials';
import { getApi } from '../bridge/api';

interface CredentialsStore {
  availability?: KeychainAvailability | undefined;
  /** Which secrets the keychain holds; never the secrets themselves. */
  saved: Partial<Record<SecretId, boolean>>;
  refresh(ids: readonly SecretId[]): Promise<void>;
  save(id: SecretId, secret: string): Promise<void>;
  forget(id: SecretId): Promise<void>;
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
}));
