import i18next, { type TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import en from '../../../assets/locales/en.json';
import it_ from '../../../assets/locales/it.json';
import type { Occurrence } from '../../../common/contract/meetings';
import { countdown, timeRange } from '../../../renderer/src/meetings/format';

const ZONE = 'Europe/Rome';
const NOW = Date.parse('2026-12-07T09:00:00+01:00');
const MINUTE = 60_000;

const meeting = (fromMinutes: number, toMinutes: number): Occurrence => ({
  id: 'm',
  calendarId: 'work',
  title: 'Giunta',
  start: new Date(NOW + fromMinutes * MINUTE).toISOString(),
  end: new Date(NOW + toMinutes * MINUTE).toISOString(),
  allDay: false,
});

const translators: Record<'en' | 'it', TFunction> = {} as Record<'en' | 'it', TFunction>;

beforeAll(async () => {
  for (const [language, messages] of [
    ['en', en],
    ['it', it_],
  ] as const) {
    const instance = i18next.createInstance();
    await instance.init({ resources: { [language]: { translation: messages } }, lng: language, interpolation: { escapeValue: false } });
    translators[language] = instance.t;
  }
});

describe('the countdown beside a meeting', () => {
  it('says when a meeting under way ends and when the next one starts, in both languages', () => {
    expect(countdown(meeting(-10, 20), NOW, translators.en, 'en', ZONE)).toBe('ends in 20 min');
    expect(countdown(meeting(-10, 20), NOW, translators.it, 'it', ZONE)).toBe('termina tra 20 min');
    expect(countdown(meeting(4, 30), NOW, translators.en, 'en', ZONE)).toBe('starts in 4 min');
    expect(countdown(meeting(4, 30), NOW, translators.it, 'it', ZONE)).toBe('inizia tra 4 min');
    expect(countdown(meeting(90, 120), NOW, translators.en, 'en', ZONE)).toBe('starts in 1 h 30 min');
    expect(countdown(meeting(0, 1), NOW + 30_000, translators.en, 'en', ZONE)).toBe('ends in 1 min');
  });

  it('gives the time of a meeting tomorrow instead of a countdown', () => {
    expect(countdown(meeting(24 * 60, 24 * 60 + 30), NOW, translators.it, 'it', ZONE)).toBe('domani alle 09:00');
  });
});

describe('the time of a meeting', () => {
  it("is the locale's own range on one day, and the two times across midnight", () => {
    expect(timeRange(meeting(30, 90), translators.it, 'it', ZONE)).toBe('09:30–10:30');
    expect(timeRange(meeting(30, 90), translators.en, 'en', ZONE).replace(/\s/g, ' ')).toMatch(/^0?9:30 – 10:30 AM$/);
    expect(timeRange(meeting(14 * 60 + 30, 15 * 60 + 30), translators.it, 'it', ZONE)).toBe('23:30–00:30');
    expect(timeRange({ ...meeting(0, 24 * 60), allDay: true }, translators.it, 'it', ZONE)).toBe('Tutto il giorno');
  });
});
