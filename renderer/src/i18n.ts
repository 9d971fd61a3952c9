import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from '../../assets/locales/en.json';
import it from '../../assets/locales/it.json';

export const languages = ['en', 'it'] as const;
export type Language = (typeof languages)[number];

/** The OS language when we speak it, else English. */
export const systemLanguage = (): Language => (navigator.language.toLowerCase().startsWith('it') ? 'it' : 'en');

export const initI18n = (language: Language): Promise<unknown> =>
  i18next.use(initReactI18next).init({
    resources: { en: { translation: en }, it: { translation: it } },
    lng: language,
    fallbackLng: 'en',
    interpolation: { escapeValue: false },
  });

export const changeLanguage = (language: Language): void => {
  void i18next.changeLanguage(language);
  document.documentElement.lang = language;
};
