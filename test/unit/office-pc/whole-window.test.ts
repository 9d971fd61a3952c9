import { describe, expect, it } from 'vitest';
import { isExitChord, sessionBadge } from '../../../renderer/src/office-pc/session-view';
import { showsWholeWindow } from '../../../renderer/src/office-pc/store';

const key = (code: string, modifiers: { ctrl?: boolean; alt?: boolean; meta?: boolean } = {}) => ({
  code,
  ctrlKey: modifiers.ctrl ?? false,
  altKey: modifiers.alt ?? false,
  metaKey: modifiers.meta ?? false,
});

describe('the office PC over the whole window', () => {
  it('is shown while the session is live, unless the employee went back to Scrivania', () => {
    expect(showsWholeWindow({ phase: 'connected', inFrame: false })).toBe(true);
    expect(showsWholeWindow({ phase: 'reconnecting', inFrame: false })).toBe(true);
    expect(showsWholeWindow({ phase: 'connected', inFrame: true })).toBe(false);
    for (const phase of ['idle', 'loading', 'connecting', 'failed', 'ended'] as const)
      expect(showsWholeWindow({ phase, inFrame: false }), phase).toBe(false);
  });

  it('is left with Ctrl+Alt+Home only, never with Home, Ctrl+Home or Ctrl+Alt+Meta+Home', () => {
    expect(isExitChord(key('Home', { ctrl: true, alt: true }))).toBe(true);
    expect(isExitChord(key('Home'))).toBe(false);
    expect(isExitChord(key('Home', { ctrl: true }))).toBe(false);
    expect(isExitChord(key('Home', { alt: true }))).toBe(false);
    expect(isExitChord(key('Home', { ctrl: true, alt: true, meta: true }))).toBe(false);
    expect(isExitChord(key('End', { ctrl: true, alt: true }))).toBe(false);
  });
});

describe("the office PC pane's badge", () => {
  it('says connecting while connecting, whatever main last reported, and main’s level otherwise', () => {
    expect(sessionBadge('loading', 'idle')).toEqual({ level: 'busy', key: 'officePc.badge.connecting' });
    expect(sessionBadge('connecting', 'idle')).toEqual({ level: 'busy', key: 'officePc.badge.connecting' });
    expect(sessionBadge('reconnecting', 'ok')).toEqual({ level: 'busy', key: 'officePc.badge.reconnecting' });
    expect(sessionBadge('connected', 'busy')).toEqual({ level: 'ok', key: 'officePc.badge.connected' });
    expect(sessionBadge('idle', 'idle')).toEqual({ level: 'idle', key: 'status.idle' });
    expect(sessionBadge('failed', 'warning')).toEqual({ level: 'warning', key: 'status.warning' });
  });
});
