import en from '../../../assets/locales/en.json';
import it from '../../../assets/locales/it.json';
import type { LocalizedMessage } from '../../../common/contract/app';

/** A translation file's content: nested objects of strings, as assets/locales/*.json. */
export type Messages = Readonly<Record<string, unknown>>;

const lookup = (messages: Messages, key: string): string | undefined => {
  let node: unknown = messages;
  for (const part of key.split('.')) {
    if (!node || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === 'string' ? node : undefined;
};

/** The language a translation file speaks: Italian for it.json, else English. */
const languageOf = (messages: Messages): string => (messages === it ? 'it' : 'en');

/**
 * The template i18next would choose: with a numeric `count`, `key_one`, `key_other` (and the language's other
 * plural forms) by Intl's plural rules, falling back to `key_other`, then to `key` itself.
 */
const templateFor = (messages: Messages, key: string, count: unknown, language: string): string | undefined => {
  if (typeof count === 'number') {
    const form = new Intl.PluralRules(language).select(count);
    const plural = lookup(messages, `${key}_${form}`) ?? lookup(messages, `${key}_other`);
    if (plural !== undefined) return plural;
  }
  return lookup(messages, key);
};

/**
 * A LocalizedMessage as text, outside the renderer (the CLI, a desktop notification): `{{name}}` placeholders
 * filled in and plural keys (`_one`/`_other`) chosen as i18next does. An unknown key shows itself with its values,
 * never nothing.
 */
export const formatMessage = (messages: Messages, message: LocalizedMessage, language = languageOf(messages)): string => {
  const params = message.params ?? {};
  const template = templateFor(messages, message.key, params['count'], language);
  if (template === undefined) {
    const values = Object.entries(params).map(([name, value]) => `${name}=${value}`);
    return values.length > 0 ? `${message.key} (${values.join(', ')})` : message.key;
  }
  return template.replace(/\{\{\s*([\w.]+)\s*\}\}/g, (placeholder, name: string) => (name in params ? String(params[name]) : placeholder));
};

/** The translations for a locale such as `it-IT` or `en_GB.UTF-8`: Italian for Italian, else English. */
export const messagesFor = (locale: string): Messages => (locale.toLowerCase().startsWith('it') ? it : en);

/** The terminal's locale, for the CLI. */
export const terminalLocale = (env: NodeJS.ProcessEnv = process.env): string => env['LC_ALL'] || env['LC_MESSAGES'] || env['LANG'] || '';
