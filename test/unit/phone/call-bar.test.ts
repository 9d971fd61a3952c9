import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, describe, expect, it } from 'vitest';
import { CallBar, FloatingCallBar } from '../../../renderer/src/phone/CallBar';
import { usePhoneStore, type CallView } from '../../../renderer/src/phone/store';
import { useShellStore } from '../../../renderer/src/shell/store';

const call = (change: Partial<CallView> = {}): CallView => ({
  id: 'call-1',
  direction: 'incoming',
  state: 'active',
  number: '3001',
  name: 'Mario Rossi',
  divertedFrom: { number: '600', group: 'Polizia Municipale', header: 'Diversion' },
  muted: false,
  heldByRemote: false,
  receivedDigits: '',
  startedAt: '2026-06-01T09:00:00.000Z',
  answeredAt: Date.now() - 5_000,
  inviteAt: 0,
  mediaVersion: 1,
  ...change,
});

const render = (component: () => unknown): string => renderToStaticMarkup(createElement(component as never));

// Rendered to a string (there is no DOM here), a zustand hook reads its store's initial-state object (the server
// snapshot), so the tests set what the components should see on that object, and put it back afterwards.
const phoneShown = usePhoneStore.getInitialState();
const shellShown = useShellStore.getInitialState();
const before = { calls: phoneShown.calls, immersive: shellShown.immersive };
const show = (change: { calls?: CallView[]; immersive?: boolean }): void => {
  if (change.calls) Object.assign(phoneShown, { calls: change.calls });
  if (change.immersive !== undefined) Object.assign(shellShown, { immersive: change.immersive });
};

afterEach(() => {
  Object.assign(phoneShown, { calls: before.calls });
  Object.assign(shellShown, { immersive: before.immersive });
});

// Without i18next initialised, a translation shows its key: what is asserted is which text and buttons appear.
describe('the call bar', () => {
  it('floats over a pane that took the whole window, where the top bar is hidden, and only then', () => {
    show({ calls: [call()] });
    expect(render(FloatingCallBar)).toBe('');
    show({ immersive: true });
    const floating = render(FloatingCallBar);
    expect(floating).toContain('call-bar surface call-bar-active floating');
    expect(floating).toContain('Mario Rossi (3001)');
    expect(floating).toContain('phone.call.hangUp');
    expect(floating).toContain('phone.call.hold');
  });

  it('shows the ringing call first, with Answer and Decline and their shortcuts, and names the call on hold beside it', () => {
    show({
      calls: [call({ state: 'held' }), call({ id: 'call-2', state: 'ringing', number: '2042', name: undefined, divertedFrom: undefined })],
    });
    const bar = render(CallBar);
    expect(bar).toContain('data-call-state="ringing"');
    expect(bar).toContain('aria-keyshortcuts="Alt+A"');
    expect(bar).toContain('aria-keyshortcuts="Alt+D"');
    expect(bar).not.toContain('phone.call.hangUp');
    expect(bar).toContain('phone.call.waiting');
  });

  it('is not there without a call, nor for a feature-code call', () => {
    expect(render(CallBar)).toBe('');
    show({ calls: [call({ direction: 'outgoing', state: 'calling', feature: { feature: 'dndOn' } })] });
    expect(render(CallBar)).toBe('');
  });
});
