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

/**
 * A LocalizedMessage as text, outside the renderer (the CLI, a desktop notification): `{{name}}` placeholders
 * filled in as i18next does. An unknown key shows itself with its values, never nothing.
 */
export const formatMessage = (messages: Messages, message: LocalizedMessage): string => {
  const params = message.params ?? {};
  const template = lookup(messages, message.key);
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
