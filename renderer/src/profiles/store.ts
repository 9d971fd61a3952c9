import { create } from 'zustand';
import type { ProfileImportRequest, ProfilePreview, ProfilesState } from '../../../common/contract/profiles';
import type { ScrivaniaApi } from '../../../common/contract';
import { getApi } from '../bridge/api';

interface ProfilesStore {
  state?: ProfilesState | undefined;
  /** pending until main says whether a profile exists; active while the first-run wizard shows. */
  onboarding: 'pending' | 'active' | 'done';
  /** Verifies a profile without installing it: what the employee checks before Install. */
  previewProfile(request: ProfileImportRequest): Promise<ProfilePreview>;
  installPreview(previewId: string): Promise<void>;
  /** "This is not my organisation": main forgets the preview; nothing is installed. */
  discardPreview(previewId: string): Promise<void>;
  setUserField(key: string, value: string): Promise<void>;
  setUserValue(pointer: string, value: unknown): Promise<void>;
  finishOnboarding(): void;
}

export const useProfilesStore = create<ProfilesStore>()((set) => ({
  onboarding: 'pending',
  previewProfile: (request) => getApi().invoke('profiles.preview', request),
  installPreview: async (previewId) => {
    await getApi().invoke('profiles.install', { previewId });
  },
  discardPreview: async (previewId) => {
    await getApi().invoke('profiles.discard', { previewId });
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

/** `${user.extension}` and the like: a value the employee has not typed yet, never shown as if it were one. */
export const hasUnfilledField = (value: string): boolean => /\$\{user\.[A-Za-z][A-Za-z0-9_]*\}/.test(value);
