import type { TFunction } from 'i18next';

/** A pattern the help desk writes often, in words: `[0-9]{3,6}` is "3 to 6 digits". Undefined for any other. */
export const patternInWords = (t: TFunction, pattern: string | undefined): string | undefined => {
  if (pattern === undefined) return undefined;
  const digits = /^(?:\[0-9\]|\\d)(?:\{(\d+)(?:,(\d+))?\}|(\+))$/.exec(pattern);
  if (!digits) return undefined;
  const [, min, max, plus] = digits;
  if (plus) return t('profiles.hints.digits');
  if (max === undefined) return t('profiles.hints.digitsExactly', { count: Number(min) });
  return t('profiles.hints.digitsBetween', { min: Number(min), max: Number(max) });
};

/** What the field wants, in words: the pattern's shape and the help desk's own hint, either or both. */
export const fieldHint = (
  t: TFunction,
  field: { pattern?: string | undefined; hint?: { en: string; it: string } | undefined },
  language: 'en' | 'it',
): string | undefined => {
  const parts = [patternInWords(t, field.pattern), field.hint?.[language]].filter(
    (part): part is string => part !== undefined && part !== '',
  );
  return parts.length > 0 ? parts.join(', ') : undefined;
};
