import { describe, expect, it } from 'vitest';
import {
  addDays,
  dateKeyAt,
  daysBetween,
  instantOf,
  isValidTimeZone,
  offsetAt,
  startOfDay,
} from '../../../main/services/meetings/zoned-time';

const iso = (instant: number): string => new Date(instant).toISOString();

describe('zoned time', () => {
  it('finds midnight in Rome on both sides of the March and October changes', () => {
    expect(iso(startOfDay('2026-03-28', 'Europe/Rome'))).toBe('2026-03-27T23:00:00.000Z');
    expect(iso(startOfDay('2026-03-29', 'Europe/Rome'))).toBe('2026-03-28T23:00:00.000Z');
    expect(iso(startOfDay('2026-03-30', 'Europe/Rome'))).toBe('2026-03-29T22:00:00.000Z');
    expect(iso(startOfDay('2026-10-25', 'Europe/Rome'))).toBe('2026-10-24T22:00:00.000Z');
    expect(iso(startOfDay('2026-10-26', 'Europe/Rome'))).toBe('2026-10-25T23:00:00.000Z');
  });

  it('moves a time the spring change skips forward by the gap, and takes the first of a repeated autumn time', () => {
    expect(iso(instantOf({ year: 2026, month: 3, day: 29, hour: 2, minute: 30, second: 0 }, 'Europe/Rome'))).toBe(
      '2026-03-29T01:30:00.000Z',
    );
    expect(iso(instantOf({ year: 2026, month: 10, day: 25, hour: 2, minute: 30, second: 0 }, 'Europe/Rome'))).toBe(
      '2026-10-25T00:30:00.000Z',
    );
  });

  it('reads offsets and dates in a zone', () => {
    expect(offsetAt(Date.parse('2026-07-01T12:00:00Z'), 'Europe/Rome')).toBe(7_200_000);
    expect(offsetAt(Date.parse('2026-01-01T12:00:00Z'), 'America/New_York')).toBe(-18_000_000);
    expect(dateKeyAt(Date.parse('2026-03-29T22:30:00Z'), 'Europe/Rome')).toBe('2026-03-30');
    expect(dateKeyAt(Date.parse('2026-03-29T22:30:00Z'), 'UTC')).toBe('2026-03-29');
  });

  it('counts calendar days, not hours', () => {
    expect(addDays('2026-03-31', 1)).toBe('2026-04-01');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
    expect(daysBetween('2026-03-29', '2026-03-30')).toBe(1);
    expect(daysBetween('2026-10-24', '2026-10-28')).toBe(4);
  });

  it('knows a real zone from a made-up one', () => {
    expect(isValidTimeZone('Europe/Rome')).toBe(true);
    expect(isValidTimeZone('Ora di Roma')).toBe(false);
  });
});
