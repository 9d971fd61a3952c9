import { create } from 'zustand';
import { persist } from 'zustand/middleware';
import type { Language } from '../i18n';

export type LanguageChoice = Language | 'system';
export type ThemeChoice = 'system' | 'light' | 'dark';

interface SettingsState {
  language: LanguageChoice;
  theme: ThemeChoice;
  setLanguage(language: LanguageChoice): void;
  setTheme(theme: ThemeChoice): void;
}

/** The employee's own display preferences; nothing here is secret or set by a profile. */
export const useSettingsStore = create<SettingsState>()(
  persist(
    (set) => ({
      language: 'system',
      theme: 'system',
      setLanguage: (language) => set({ language }),
      setTheme: (theme) => set({ theme }),
    }),
    { name: 'scrivania.settings' },
  ),
);
