import { create } from 'zustand';
import type { ScrivaniaApi } from '../../../common/contract';
import type { KeychainPrompt } from '../../../common/contract/credentials';
import { getApi } from '../bridge/api';

interface KeychainPromptStore {
  /** What the keychain's own window is asking the person while a call waits; null when nothing waits. */
  waiting: KeychainPrompt | null;
  cancel(): Promise<void>;
}

export const useKeychainPromptStore = create<KeychainPromptStore>(() => ({
  waiting: null,
  cancel: async () => {
    await getApi().invoke('credentials.cancelPrompt', {});
  },
}));

export const connectKeychainPrompt = (api: ScrivaniaApi): (() => void) =>
  api.on('credentials.keychainPrompt', ({ waiting }) => useKeychainPromptStore.setState({ waiting }));
