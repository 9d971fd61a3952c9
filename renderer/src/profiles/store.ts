import { create } from 'zustand';
import type { ProfileImportRequest, ProfilesState } from '../../../common/contract/profiles';
import type { ScrivaniaApi } from '../../../common/contract';
import { getApi } from '../bridge/api';

interface ProfilesStore {
  state?: ProfilesState | undefined;
  /** pending until main says whether a profile exists; active while the first-run wizard shows. */
  onboarding: 'pending' | 'active' | 'done';
  importProfile(request: ProfileImportRequest): Promise<void>;
  setUserField(key: string, value: string): Promise<void>;
  setUserValue(pointer: string, value: unknown): Promise<void>;
  finishOnboarding(): void;
}

export const useProfilesStore = create<ProfilesStore>()((set) => ({
  onboarding: 'pending',
  importProfile: async (request) => {
    await getApi().invoke('profiles.import', request);
  },
  setUserField: async (key, value) => {
    await getApi().invoke('profiles.setUserField', { key, value });
  },
  setUserValue: async (pointer, value) => {
    await getApi().invoke('profiles.setUserValue', { pointer, value });
  },
  finishOnboarding: () => set({ onboarding: 'done' }),
}));

export const connectProfiles = (api: ScrivaniaApi): (() => void) =>
  api.on('profiles.changed', (state) => {
    const { onboarding } = useProfilesStore.getState();
    useProfilesStore.setState({ state, onboarding: onboarding === 'pending' ? (state.current ? 'done' : 'active') : onboarding });
  });

/** Reads a picked file as the base64 the import request carries. */
export const fileAsBase64 = async (file: File): Promise<string> => {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let index = 0; index < bytes.length; index += 0x8000) binary += String.fromCharCode(...bytes.subarray(index, index + 0x8000));
  return btoa(binary);
};
