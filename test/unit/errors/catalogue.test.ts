import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import i18next from 'i18next';
import { ContractError, bridgedError, unbridgedError } from '../../../common/contract/errors';
import { ProblemCode } from '../../../common/contract/problems';
import { catalogueKey, sentenceOf, shownErrorOf, shownErrorOr } from '../../../renderer/src/errors/catalogue';

const locale = (language: 'en' | 'it'): Record<string, unknown> =>
  JSON.parse(readFileSync(new URL(`../../../assets/locales/${language}.json`, import.meta.url), 'utf8')) as Record<string, unknown>;

const lookup = (messages: Record<string, unknown>, key: string): unknown =>
  key
    .split('.')
    .reduce<unknown>(
      (node, part) => (typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[part] : undefined),
      messages,
    );

const placeholders = (sentence: string): string[] => [...sentence.matchAll(/\{\{(\w+)\}\}/g)].map((match) => match[1]!).sort();

describe('the error catalogue', () => {
  const en = locale('en');
  const it_ = locale('it');

  it.each(ProblemCode.options)('%s has an English and an Italian sentence naming the same values', (code) => {
    const english = lookup(en, catalogueKey(code));
    const italian = lookup(it_, catalogueKey(code));
    expect(typeof english, `${catalogueKey(code)} in en.json`).toBe('string');
    expect(typeof italian, `${catalogueKey(code)} in it.json`).toBe('string');
    expect(italian).not.toBe(english);
    expect(placeholders(italian as string)).toEqual(placeholders(english as string));
  });

  it('has no sentence for a code the contract does not know, so none is left behind', () => {
    const codes = new Set<string>(ProblemCode.options);
    for (const messages of [en, it_]) {
      const section = messages['error'] as Record<string, unknown>;
      const listed = Object.entries(section).flatMap(([capability, node]) =>
        typeof node === 'object' && node !== null ? Object.keys(node).map((name) => `${capability}.${name}`) : [],
      );
      expect(listed.filter((code) => !codes.has(code))).toEqual([]);
    }
  });
});

describe('shownErrorOf', () => {
  it("tells main's problem and keeps its technical line for Details", () => {
    const error = new ContractError('bad-request', 'profiles.import: signed with unknown key 6a83df2ba3ebb1a6', undefined, {
      code: 'profiles.untrusted-key',
      params: { keyId: '6a83df2ba3ebb1a6' },
    });
    expect(shownErrorOf(error)).toEqual({
      problem: { code: 'profiles.untrusted-key', params: { keyId: '6a83df2ba3ebb1a6' } },
      detail: 'profiles.import: signed with unknown key 6a83df2ba3ebb1a6',
    });
  });

  it('tells a failure without a problem by its kind, never by its English message', () => {
    expect(shownErrorOf(new ContractError('closed', 'the connection dropped')).problem.code).toBe('generic.closed');
    expect(shownErrorOf(new ContractError('forbidden', 'x')).problem.code).toBe('generic.forbidden');
    expect(shownErrorOf(new Error('boom'))).toEqual({ problem: { code: 'generic.failed' }, detail: 'boom' });
    expect(shownErrorOr(new Error('EACCES'), 'help.bundle-not-written')).toEqual({
      problem: { code: 'help.bundle-not-written' },
      detail: 'EACCES',
    });
  });

  it("survives Electron's contextBridge, which copies only an Error's message", () => {
    const error = new ContractError('failed', 'GET http://127.0.0.1:1/profile.json: bad port', undefined, {
      code: 'profiles.unreachable',
      params: { host: '127.0.0.1:1' },
    });
    const copied = new Error((bridgedError(error) as Error).message);
    const read = unbridgedError(copied);
    expect(read).toBeInstanceOf(ContractError);
    expect(shownErrorOf(read)).toEqual({ problem: error.problem, detail: error.message });
    const plain = new Error('not ours');
    expect(unbridgedError(plain)).toBe(plain);
  });
});

describe('sentenceOf', () => {
  it('speaks the chosen language, with dates written out and a label in that language', async () => {
    const t = i18next.createInstance();
    await t.init({
      resources: { en: { translation: locale('en') }, it: { translation: locale('it') } },
      lng: 'it',
      interpolation: { escapeValue: false },
    });
    const expired = { code: 'profiles.expired' as const, params: { organization: 'Comune di Prato', date: '2026-01-01T00:00:00Z' } };
    expect(sentenceOf(t.getFixedT('it'), 'it', expired)).toBe(
      "Il profilo (Comune di Prato) è scaduto il 1 gennaio 2026. Chiedi all'assistenza quello aggiornato.",
    );
    expect(sentenceOf(t.getFixedT('en'), 'en', expired)).toBe(
      'This profile from Comune di Prato expired on January 1, 2026. Ask your help desk for a current one.',
    );
    const field = { code: 'profiles.user-field-invalid' as const, params: { en: 'Extension', it: 'Interno' } };
    expect(sentenceOf(t.getFixedT('it'), 'it', field)).toMatch(/^Il campo «Interno»/);
    expect(sentenceOf(t.getFixedT('en'), 'en', field)).toMatch(/^Extension does not/);
  });
});

describe('numbers in a sentence', () => {
  it('are written as the language writes them, never grouped like a serial number would not be', async () => {
    const t = i18next.createInstance();
    await t.init({ resources: { it: { translation: locale('it') } }, lng: 'it', interpolation: { escapeValue: false } });
    expect(sentenceOf(t.getFixedT('it'), 'it', { code: 'profiles.timed-out', params: { host: 'p.example', seconds: 0.3 } })).toMatch(
      /^p\.example non ha risposto entro 0,3 secondi\./,
    );
    expect(sentenceOf(t.getFixedT('it'), 'it', { code: 'profiles.same-serial', params: { serial: 20260101 } })).toContain('(20260101)');
  });
});
