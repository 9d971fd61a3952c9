import { describe, expect, it } from 'vitest';
import { directCall, divertedCall, registeredPhone } from './fake-phone';

describe('an incoming call diverted from an answer group', () => {
  it('rings with who calls and the line it came on, brings the window forward and shows a notification', async () => {
    const { agent, view, ringtone, notifications, api, shown } = await registeredPhone();
    const call = agent().ring(divertedCall('3001', 'Mario Rossi'));
    expect(view(call.id)).toMatchObject({
      direction: 'incoming',
      state: 'ringing',
      number: '3001',
      name: 'Mario Rossi',
      divertedFrom: { number: '600', group: 'Polizia Municipale', header: 'Diversion' },
      startedAt: '2026-03-02T09:00:00.000Z',
      inviteAt: 100,
    });
    expect(ringtone.playing).toEqual({ kind: 'ring', sinkId: undefined });
    expect(api.requests('app.showWindow')).toHaveLength(1);
    expect(notifications.shown.map(({ title, body }) => ({ title, body }))).toEqual([
      { title: 'Scrivania: Mario Rossi (3001)', body: 'Polizia Municipale' },
    ]);
    notifications.shown[0]?.click();
    expect(shown).toEqual(['phone']);
  });

  it('rings on the ringer device the employee chose', async () => {
    const { agent, api, ringtone } = await registeredPhone();
    api.emit('phone.preferences', { signIn: true, ringer: 'usb-speaker' });
    agent().ring(directCall());
    expect(ringtone.playing).toEqual({ kind: 'ring', sinkId: 'usb-speaker' });
  });

  it('answered: in call from now, the ringing and the notification stop', async () => {
    const { phone, agent, view, ringtone, notifications, time } = await registeredPhone();
    const call = agent().ring(divertedCall());
    time.advance(2_000);
    phone.answer(call.id);
    expect(call.actions).toEqual(['answer']);
    expect(view(call.id)).toMatchObject({ state: 'active', answeredAt: time.now, answerClickedAt: 2_000 });
    expect(ringtone.playing).toBeUndefined();
    expect(notifications.open()).toEqual([]);
  });

  it('declined: 486 goes back to the PBX, and the history says declined', async () => {
    const { phone, agent, store, api } = await registeredPhone();
    const call = agent().ring(divertedCall());
    phone.decline(call.id);
    expect(call.actions).toEqual(['decline']);
    expect(store.getState().calls).toEqual([]);
    expect(api.requests('phone.recordCall')).toEqual([
      {
        direction: 'incoming',
        number: '3001',
        divertedFrom: { number: '600', group: 'Polizia Municipale', reason: 'unconditional', header: 'Diversion' },
        startedAt: '2026-03-02T09:00:00.000Z',
        durationSeconds: 0,
        outcome: 'declined',
      },
    ]);
  });

  it('nobody answers it: a missed call in the history, the ringing stops', async () => {
    const { agent, api, store, ringtone } = await registeredPhone();
    const call = agent().ring(divertedCall());
    call.farEndHangsUp();
    expect(store.getState().calls).toEqual([]);
    expect(ringtone.playing).toBeUndefined();
    expect(api.requests('phone.recordCall')).toMatchObject([
      { direction: 'incoming', number: '3001', outcome: 'missed', durationSeconds: 0 },
    ]);
  });

  it('ends while its notification is still open: the notification closes, and a late click only opens the pane', async () => {
    const { agent, notifications, shown, store } = await registeredPhone();
    const call = agent().ring(divertedCall());
    expect(notifications.open()).toEqual(['Scrivania: 3001']);
    call.farEndHangsUp();
    expect(notifications.open()).toEqual([]);
    notifications.shown[0]?.click();
    expect(shown).toEqual(['phone']);
    expect(store.getState().calls).toEqual([]);
  });
});

describe('a call in progress', () => {
  const answeredCall = async () => {
    const phone = await registeredPhone();
    const call = phone.agent().ring(divertedCall());
    phone.phone.answer(call.id);
    return { ...phone, call };
  };

  it('is remembered as answered, with how long it lasted', async () => {
    const { call, time, api } = await answeredCall();
    time.advance(65_000);
    call.farEndHangsUp();
    expect(api.requests('phone.recordCall')).toMatchObject([
      { direction: 'incoming', number: '3001', outcome: 'answered', durationSeconds: 65, divertedFrom: { group: 'Polizia Municipale' } },
    ]);
  });

  it('gets a new media version for each remote track (the answer, every resume), and marks its first audio once', async () => {
    const { phone, call, view, media, time } = await answeredCall();
    const first = call.newRemoteTrack();
    expect(view(call.id)?.mediaVersion).toBe(1);
    expect(phone.remoteStreamOf(call.id)).toBe(first);
    time.advance(300);
    media.firstPacket(first);
    expect(view(call.id)?.firstAudioAt).toBe(300);

    phone.setHeld(call.id, true);
    expect(view(call.id)?.state).toBe('held');
    phone.setHeld(call.id, false);
    expect(view(call.id)?.state).toBe('active');
    const resumed = call.newRemoteTrack();
    expect(view(call.id)?.mediaVersion).toBe(2);
    expect(phone.remoteStreamOf(call.id)).toBe(resumed);
    expect(media.watched()).toBe(0);
    expect(view(call.id)?.firstAudioAt).toBe(300);
    expect(call.actions).toEqual(['answer', 'hold', 'resume']);
  });

  it('held by the far end: still in call on this side, and marked held by them until they resume', async () => {
    const { call, view } = await answeredCall();
    call.farEndHolds(true);
    expect(view(call.id)).toMatchObject({ state: 'active', heldByRemote: true });
    call.farEndHolds(false);
    expect(view(call.id)).toMatchObject({ state: 'active', heldByRemote: false });
  });

  it('mutes and unmutes the microphone', async () => {
    const { phone, call, view } = await answeredCall();
    phone.setMuted(call.id, true);
    expect(call.isMuted()).toBe(true);
    expect(view(call.id)?.muted).toBe(true);
    phone.setMuted(call.id, false);
    expect(view(call.id)?.muted).toBe(false);
  });

  it('sends digits in the RTP stream where the call can carry them, as SIP INFO otherwise or when asked', async () => {
    const { phone, call } = await answeredCall();
    expect(phone.sendDtmf(call.id, '5', 'rfc4733')).toBe('rfc4733');
    expect(phone.sendDtmf(call.id, '7', 'info')).toBe('info');
    call.streamCarriesDigits = false;
    expect(phone.sendDtmf(call.id, '#', 'rfc4733')).toBe('info');
    expect(call.dtmfSent).toEqual([
      { tones: '5', method: 'rfc4733' },
      { tones: '7', method: 'info' },
      { tones: '#', method: 'info' },
    ]);
    expect(phone.sendDtmf('no-such-call', '1', 'rfc4733')).toBeUndefined();
  });

  it('shows the digits the far end sends for six seconds after the last one', async () => {
    const { call, view, time } = await answeredCall();
    call.farEndSends('1');
    time.advance(4_000);
    call.farEndSends('5');
    expect(view(call.id)?.receivedDigits).toBe('15');
    time.advance(4_000);
    expect(view(call.id)?.receivedDigits).toBe('15');
    time.advance(2_000);
    expect(view(call.id)?.receivedDigits).toBe('');
  });

  it('leaves no timer behind when it ends', async () => {
    const { call, time } = await answeredCall();
    call.farEndSends('9');
    call.farEndHangsUp();
    expect(time.pending()).toBe(0);
  });
});

describe('call waiting', () => {
  it('a second call waits with the waiting tone; answering it holds the first; the first resumes after', async () => {
    const { phone, agent, view, ringtone, store } = await registeredPhone();
    const first = agent().ring(divertedCall());
    phone.answer(first.id);
    const second = agent().ring(directCall('2042'));
    expect(view(second.id)).toMatchObject({ state: 'ringing', number: '2042' });
    expect(view(second.id)?.divertedFrom).toBeUndefined();
    expect(ringtone.playing?.kind).toBe('waiting');

    phone.answer(second.id);
    expect(view(first.id)?.state).toBe('held');
    expect(view(second.id)?.state).toBe('active');
    expect(ringtone.playing).toBeUndefined();

    phone.hangUp(second.id);
    expect(store.getState().calls.map((call) => call.id)).toEqual([first.id]);
    phone.setHeld(first.id, false);
    expect(view(first.id)?.state).toBe('active');
  });

  it('a third call is turned away as busy while two are in progress', async () => {
    const { phone, agent, store } = await registeredPhone();
    phone.answer(agent().ring(divertedCall()).id);
    agent().ring(directCall('2042'));
    const third = agent().ring(directCall('2043'));
    expect(third.actions).toEqual(['decline']);
    expect(store.getState().calls).toHaveLength(2);
  });

  it('a second call while the first is held: answering it leaves the held call alone; resuming that holds the other', async () => {
    const { phone, agent, view, ringtone } = await registeredPhone();
    const first = agent().ring(divertedCall());
    phone.answer(first.id);
    phone.setHeld(first.id, true);
    const second = agent().ring(directCall('2042'));
    expect(ringtone.playing?.kind).toBe('waiting');
    phone.answer(second.id);
    expect(first.actions).toEqual(['answer', 'hold']);
    expect(view(first.id)?.state).toBe('held');
    expect(view(second.id)?.state).toBe('active');

    phone.setHeld(first.id, false);
    expect(view(second.id)?.state).toBe('held');
    expect(view(first.id)?.state).toBe('active');
    expect(second.actions).toEqual(['answer', 'hold']);
  });
});

describe('placing calls', () => {
  it('from a tel: link: the phone pane opens, the number is called, and the tones follow a second after the answer', async () => {
    const { api, agent, view, shown, time } = await registeredPhone();
    api.emit('phone.dialRequested', { target: 'tel:+39-011-1234567', tones: '4455,,1234#' });
    expect(shown).toEqual(['phone']);
    const call = agent().placed[0];
    if (!call) throw new Error('no call was placed');
    expect(view(call.id)).toMatchObject({ direction: 'outgoing', state: 'calling', number: '+390111234567', tones: '4455,,1234#' });
    call.farEndAnswers();
    time.advance(999);
    expect(call.dtmfSent).toEqual([]);
    time.advance(1);
    expect(call.dtmfSent).toEqual([{ tones: '44551234#', method: 'rfc4733' }]);
  });

  it('an unanswered outgoing call is remembered as unanswered; redial calls the last number called', async () => {
    const { phone, agent, api, store } = await registeredPhone();
    phone.dial('2042');
    agent().placed[0]?.farEndHangsUp();
    expect(api.requests('phone.recordCall')).toMatchObject([{ direction: 'outgoing', number: '2042', outcome: 'unanswered' }]);
    api.emit('phone.history', {
      entries: [
        {
          id: '1',
          direction: 'outgoing',
          number: '2042',
          startedAt: '2026-03-02T09:00:00.000Z',
          durationSeconds: 0,
          outcome: 'unanswered',
        },
      ],
      missedUnseen: 0,
    });
    phone.redial();
    expect(agent().placed.map((call) => call.remote.number)).toEqual(['2042', '2042']);
    expect(store.getState().notice).toBeUndefined();
  });

  it('says why a call cannot be placed: not signed in, not a number, too many calls, nothing to redial', async () => {
    const { phone, agent, store } = await registeredPhone();
    phone.redial();
    expect(store.getState().notice?.problem).toEqual({ code: 'phone.nothing-to-redial' });
    phone.dial('call me');
    expect(store.getState().notice?.problem).toEqual({ code: 'phone.not-a-number', params: { input: 'call me' } });
    phone.dial('2042');
    phone.dial('2043');
    expect(store.getState().notice).toBeUndefined();
    phone.dial('2044');
    expect(store.getState().notice?.problem).toEqual({ code: 'phone.too-many-calls' });
    phone.dismissNotice();
    expect(store.getState().notice).toBeUndefined();
    agent().emit({ state: 'registering' });
    phone.dial('2045');
    expect(store.getState().notice?.problem).toEqual({ code: 'phone.not-signed-in' });
    expect(agent().placed).toHaveLength(2);
  });
});

describe('the history', () => {
  it('follows main, marks missed calls seen only when there are some, and clears', async () => {
    const { phone, api, store } = await registeredPhone();
    await phone.markMissedSeen();
    expect(api.requests('phone.markMissedSeen')).toHaveLength(0);
    api.emit('phone.history', {
      entries: [
        { id: '1', direction: 'incoming', number: '3001', startedAt: '2026-03-02T09:00:00.000Z', durationSeconds: 0, outcome: 'missed' },
      ],
      missedUnseen: 1,
    });
    expect(store.getState().history?.missedUnseen).toBe(1);
    await phone.markMissedSeen();
    expect(api.requests('phone.markMissedSeen')).toHaveLength(1);
    await phone.clearHistory();
    expect(api.requests('phone.clearHistory')).toHaveLength(1);
  });

  it('keeps the audio devices the employee chose in main', async () => {
    const { phone, api, store } = await registeredPhone();
    await phone.setDevice('speaker', 'usb-headset');
    expect(api.requests('phone.setPreferences').at(-1)).toEqual({ speaker: 'usb-headset' });
    expect(store.getState().preferences?.speaker).toBe('usb-headset');
  });
});
