import { describe, expect, it } from 'vitest';
import { directCall, divertedCall, registeredPhone } from './fake-phone';

describe('the phone tells main its calls, and takes commands from outside the window', () => {
  it('reports each change of the calls in progress once: ringing, answered, held, ended', async () => {
    const { phone, agent, api, time } = await registeredPhone();
    const states = () => api.requests('phone.reportCalls').map((report) => report.calls.map((call) => call.state).join('+'));
    expect(states()).toEqual(['']);
    const call = agent().ring(divertedCall('3001', 'Mario Rossi'));
    expect(api.requests('phone.reportCalls').at(-1)).toEqual({
      calls: [
        { id: call.id, direction: 'incoming', state: 'ringing', number: '3001', name: 'Mario Rossi', divertedFrom: 'Polizia Municipale' },
      ],
    });
    time.advance(1_000);
    phone.answer(call.id);
    expect(api.requests('phone.reportCalls').at(-1)?.calls[0]).toMatchObject({
      state: 'active',
      answeredAt: new Date(time.now).toISOString(),
    });
    // Muting changes nothing main shows: no new report.
    const before = api.requests('phone.reportCalls').length;
    phone.setMuted(call.id, true);
    expect(api.requests('phone.reportCalls')).toHaveLength(before);
    phone.setHeld(call.id, true);
    call.farEndHangsUp();
    expect(states()).toEqual(['', 'ringing', 'active', 'held', '']);
  });

  it('answers the ringing call, declines it, or hangs up the call in progress, as main asks', async () => {
    const { agent, api, view } = await registeredPhone();
    const first = agent().ring(divertedCall());
    api.emit('phone.commandRequested', { action: 'answer' });
    expect(view(first.id)?.state).toBe('active');
    const waiting = agent().ring(directCall('2042'));
    api.emit('phone.commandRequested', { action: 'decline' });
    expect(waiting.actions).toEqual(['decline']);
    expect(first.actions).toEqual(['answer']);
    api.emit('phone.commandRequested', { action: 'hangUp' });
    expect(first.actions).toEqual(['answer', 'hangUp']);
    // A command for a call that has already ended does nothing.
    api.emit('phone.commandRequested', { action: 'hangUp', callId: first.id });
    expect(first.actions).toEqual(['answer', 'hangUp']);
  });

  it('hangs up the call being talked on, not the one on hold', async () => {
    const { phone, agent, api } = await registeredPhone();
    const held = agent().ring(divertedCall());
    phone.answer(held.id);
    const talking = agent().ring(directCall('2042'));
    phone.answer(talking.id);
    api.emit('phone.commandRequested', { action: 'hangUp' });
    expect(talking.actions.at(-1)).toBe('hangUp');
    expect(held.actions).not.toContain('hangUp');
  });
});

describe('the ringing call’s desktop notification', () => {
  it('is left to the desktop app, which shows it with Answer and Decline; a browser window shows its own', async () => {
    const { hostShownNotifications } = await import('../../../renderer/src/phone/notify');
    const shown: string[] = [];
    const browser = {
      ask: async () => undefined,
      showCall: (title: string) => {
        shown.push(title);
        return () => undefined;
      },
    };
    let electron = true;
    const notifications = hostShownNotifications(browser, () => electron);
    notifications.showCall('Scrivania: 3001', 'Polizia Municipale', () => undefined);
    expect(shown).toEqual([]);
    electron = false;
    notifications.showCall('Scrivania: 3001', 'Polizia Municipale', () => undefined);
    expect(shown).toEqual(['Scrivania: 3001']);
  });
});
