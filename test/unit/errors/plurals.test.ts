import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import en from '../../../assets/locales/en.json';
import it_ from '../../../assets/locales/it.json';
import { formatMessage } from '../../../main/services/text/localized-text';

/** Every key with plural forms (`x_one`, `x_other`) under `node`, as the base key `x`. */
const pluralKeys = (node: unknown, prefix: string): string[] =>
  node && typeof node === 'object'
    ? Object.entries(node).flatMap(([key, value]) =>
        typeof value === 'string'
          ? key.endsWith('_other')
            ? [`${prefix}.${key.slice(0, -'_other'.length)}`]
            : []
          : pluralKeys(value, `${prefix}.${key}`),
      )
    : [];

const strings = (node: unknown): string[] =>
  typeof node === 'string' ? [node] : node && typeof node === 'object' ? Object.values(node).flatMap(strings) : [];

describe('counts in the self-test sentences', () => {
  it('go through plural keys, never "problema/i" or "problem(s)"', () => {
    for (const messages of [en, it_]) expect(strings(messages.help.selfTest).filter((text) => /\w\/i\b|\w\(s\)/.test(text))).toEqual([]);
    expect(pluralKeys(en.help.selfTest, 'help.selfTest')).toEqual(
      expect.arrayContaining(['help.selfTest.profile.problems.meaning', 'help.selfTest.vpn.degraded.meaning']),
    );
  });

  it('read the same in the CLI (formatMessage) as in the window (i18next), in both languages', async () => {
    const i18n = i18next.createInstance();
    await i18n.init({ resources: { en: { translation: en }, it: { translation: it_ } }, lng: 'en', interpolation: { escapeValue: false } });
    const keys = pluralKeys(en.help.selfTest, 'help.selfTest');
    expect(keys.length).toBeGreaterThan(5);
    for (const [language, messages] of [
      ['en', en],
      ['it', it_],
    ] as const)
      for (const key of keys)
        for (const count of [0, 1, 2, 7]) {
          const params = { count, organization: 'Comune di Prato', missing: 'Telefono' };
          expect(formatMessage(messages, { key, params }), `${language} ${key} ${count}`).toBe(i18n.getFixedT(language)(key, params));
        }
  });

  it('say one problem and three problems as each language does', () => {
    const problems = (messages: typeof en, count: number) =>
      formatMessage(messages, { key: 'help.selfTest.profile.problems.meaning', params: { organization: 'Comune di Prato', count } });
    expect(problems(it_, 1)).toBe('La configurazione (Comune di Prato) si applica con un problema.');
    expect(problems(it_, 3)).toBe('La configurazione (Comune di Prato) si applica con 3 problemi.');
    expect(problems(en, 1)).toBe('The configuration from Comune di Prato applies with one problem.');
    expect(problems(en, 3)).toBe('The configuration from Comune di Prato applies with 3 problems.');
    // A key without plural forms is used as it is, count or not.
    expect(formatMessage(en, { key: 'help.selfTest.progress', params: { done: 1, total: 2, count: 1 } })).toBe('Checking… 1 of 2 done');
  });
});
