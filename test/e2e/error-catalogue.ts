import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator } from '@playwright/test';
import { ProblemCode } from '../../common/contract/problems';
import { expect } from './web-host-fixture';

type Language = 'en' | 'it';

const locales: Record<Language, unknown> = {
  en: JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'assets', 'locales', 'en.json'), 'utf8')),
  it: JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'assets', 'locales', 'it.json'), 'utf8')),
};

const templateOf = (language: Language, code: string): string => {
  const template = `error.${code}`
    .split('.')
    .reduce<unknown>(
      (node, part) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined),
      locales[language],
    );
  if (typeof template !== 'string') throw new Error(`error.${code} is not in ${language}.json`);
  return template;
};

/** The catalogue's sentence for `code` with its values filled in. */
export const catalogueSentence = (language: Language, code: ProblemCode, params: Record<string, string | number> = {}): string =>
  templateOf(language, code).replace(/\{\{(\w+)\}\}/g, (placeholder, name: string) =>
    name in params ? String(params[name]) : placeholder,
  );

const escaped = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The text a notice shows with its Details taken out: what the employee reads without opening anything. */
const visibleText = (notice: Locator): Promise<string> =>
  notice.evaluate((element) => {
    const copy = element.cloneNode(true) as HTMLElement;
    copy.querySelectorAll('details').forEach((details) => details.remove());
    return (copy.textContent ?? '').trim();
  });

/** The notice says exactly the catalogue's sentence for `code`, and nothing else outside Details. */
export const expectCatalogueError = async (
  notice: Locator,
  language: Language,
  code: ProblemCode,
  params: Record<string, string | number> = {},
): Promise<void> => {
  await expect(notice).toHaveAttribute('data-problem', code);
  const sentence = catalogueSentence(language, code, params);
  await expect(notice.locator('.error-sentence')).toHaveText(sentence);
  expect(await visibleText(notice)).toBe(sentence);
};

/**
 * Every error shown in `scope` comes from the catalogue: each notice's sentence is its code's sentence in `language`
 * (any values filled in), with nothing beside it outside Details, and every alert holds such a notice.
 */
export const expectEveryErrorFromCatalogue = async (scope: Locator, language: Language): Promise<void> => {
  const notices = scope.locator('.error-notice');
  for (const notice of await notices.all()) {
    const code = await notice.getAttribute('data-problem');
    expect(ProblemCode.options as readonly string[]).toContain(code);
    const pattern = escaped(templateOf(language, code as string)).replace(/\\\{\\\{\w+\\\}\\\}/g, '.+');
    expect(await visibleText(notice)).toMatch(new RegExp(`^${pattern}$`));
  }
  for (const alert of await scope.locator('[role="alert"]').all()) {
    const isNotice = await alert.evaluate((element) => element.classList.contains('error-notice'));
    if (!isNotice) await expect(alert.locator('.error-notice')).not.toHaveCount(0);
  }
};
