import { describe, expect, it } from 'vitest';
import type { Occurrence } from '../../../common/contract/meetings';
import { isJoinDue, isUnderWay, JOIN_OPENS_BEFORE_MS, meetingMarks } from '../../../common/meetings/meeting-timing';

const NOW = Date.parse('2026-12-07T09:00:00+01:00');
const MINUTE = 60_000;

const meeting = (id: string, fromMinutes: number, toMinutes: number, extra: Partial<Occurrence> = {}): Occurrence => ({
  id,
  calendarId: 'work',
  title: id,
  start: new Date(NOW + fromMinutes * MINUTE).toISOString(),
  end: new Date(NOW + toMinutes * MINUTE).toISOString(),
  allDay: false,
  ...extra,
});

describe('the join window', () => {
  it('opens ten minutes before the start and closes at the end', () => {
    expect(JOIN_OPENS_BEFORE_MS).toBe(10 * MINUTE);
    expect(isJoinDue(meeting('early', 10, 40), NOW - 1)).toBe(false);
    expect(isJoinDue(meeting('at ten before', 10, 40), NOW)).toBe(true);
    expect(isJoinDue(meeting('starting', 0, 30), NOW)).toBe(true);
    expect(isJoinDue(meeting('under way', -20, 1), NOW)).toBe(true);
    expect(isJoinDue(meeting('just over', -30, 0), NOW)).toBe(false);
    expect(isJoinDue(meeting('two hours away', 120, 180), NOW)).toBe(false);
  });

  it('never opens for an all-day event or a declined meeting', () => {
    expect(isJoinDue(meeting('holiday', -60, 600, { allDay: true }), NOW)).toBe(false);
    expect(isJoinDue(meeting('declined', -5, 30, { response: 'declined' }), NOW)).toBe(false);
    expect(isJoinDue(meeting('tentative', -5, 30, { response: 'tentative' }), NOW)).toBe(true);
  });
});

describe('the meetings marked now and next', () => {
  it('marks every meeting under way and the first one still to start', () => {
    const agenda = [
      meeting('over', -90, -30),
      meeting('long', -60, 60),
      meeting('short', -5, 25),
      meeting('next', 5, 35),
      meeting('later', 25, 55),
    ];
    expect([...meetingMarks(agenda, NOW)]).toEqual([
      ['long', 'now'],
      ['short', 'now'],
      ['next', 'next'],
    ]);
  });

  it('passes over all-day and declined meetings for both marks', () => {
    const agenda = [
      meeting('conference week', -600, 6000, { allDay: true }),
      meeting('declined now', -5, 25, { response: 'declined' }),
      meeting('declined next', 2, 30, { response: 'declined' }),
      meeting('next', 40, 70),
    ];
    expect([...meetingMarks(agenda, NOW)]).toEqual([['next', 'next']]);
    expect(isUnderWay(agenda[1] as Occurrence, NOW)).toBe(false);
  });

  it('has a meeting under way from its first instant to just before its end, and nothing next after the last', () => {
    expect(isUnderWay(meeting('starting', 0, 30), NOW)).toBe(true);
    expect(isUnderWay(meeting('ending', -30, 0), NOW)).toBe(false);
    expect([...meetingMarks([meeting('last', -10, 10)], NOW)]).toEqual([['last', 'now']]);
    expect(meetingMarks([], NOW).size).toBe(0);
  });
});
