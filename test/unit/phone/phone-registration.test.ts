import { describe, expect, it } from 'vitest';
import { divertedCall, labConfig, PASSWORD, registeredPhone, settle, startPhone } from './fake-phone';

describe('the phone signs in', () => {
  it('when turned on: the keychain password registers the extension, and main hears each step', async () => {
    const { phone, api, agents, agent, store, notifications } = await startPhone({ signIn: false });
    expect(agents).toHaveLength(0);
    expect(store.getState().registration).toEqual({ state: 'off' });

    await phone.turnOn();
    await settle();
    expect(notifications.asked).toBe(1);
    expect(api.requests('phone.setPreferences')).toEqual([{ signIn: true }]);
    expect(agents).toHaveLength(1);
    expect(agent().options).toEqual({
      server: labConfig.server,
      domain: '127.0.0.1',
      extension: '2041',
      password: PASSWORD,
      iceServers: [],
      userAgent: 'Scrivania/1.4.0',
    });
    expect(agent().started).toBe(1);

    agent().registers();
    expect(store.getState().registration).toEqual({ state: 'registered' });
    expect(api.requests('phone.reportRegistration').map((report) => report.state)).toEqual(['connecting', 'registering', 'registered']);
  });

  it('at start when the employee left it on, with the microphone they chose', async () => {
    const { api, agents, agent } = await startPhone();
    api.emit('phone.preferences', { signIn: true, microphone: 'usb-headset' });
    await settle();
    expect(agents).toHaveLength(1);
    expect(agent().options.microphone).toBeUndefined();

    api.emit('phone.config', { ...labConfig, extension: '2043' });
    await settle();
    expect(agents).toHaveLength(2);
    expect(agents[0]?.stopped).toBe(1);
    expect(agent().options).toMatchObject({ extension: '2043', microphone: 'usb-headset' });
  });

  it('not while the profile leaves the phone unconfigured', async () => {
    const { agents, store } = await startPhone({ config: { ...labConfig, configured: false, missing: ['server'], server: undefined } });
    expect(agents).toHaveLength(0);
    expect(store.getState().registration).toEqual({ state: 'off' });
  });

  it('asks for the password when the keychain has none, and saves it only once the registrar took it', async () => {
    const { phone, api, store, agent } = await startPhone({ keychain: null });
    expect(store.getState().passwordPrompt).toEqual({
      why: { problem: { code: 'phone.password-needed' }, detail: 'No phone password is saved yet.' },
      canSave: true,
    });

    await phone.usePassword('typed-password', true);
    expect(store.getState().passwordPrompt).toBeUndefined();
    expect(agent().options.password).toBe('typed-password');
    expect(api.requests('credentials.save')).toEqual([]);
    agent().registers();
    expect(api.requests('credentials.save')).toEqual([{ id: 'phone', secret: 'typed-password' }]);
  });

  it('a refused password stops the agent, says why and asks again; the right one signs in and is not saved unasked', async () => {
    const { phone, api, store, agents, agent } = await startPhone({ keychain: null });
    await phone.usePassword('not-the-password', true);
    agent().emit({ state: 'failed', code: 403, reason: 'Wrong user name or password', auth: true });
    expect(agent().stopped).toBe(1);
    expect(store.getState().registration).toEqual({ state: 'failed', code: 403, reason: 'Wrong user name or password', auth: true });
    expect(store.getState().passwordPrompt?.why).toEqual({
      problem: { code: 'phone.password-refused' },
      detail: '403 Wrong user name or password',
    });
    expect(api.requests('phone.reportRegistration').at(-1)).toEqual({ state: 'failed', code: 403, reason: 'Wrong user name or password' });

    await phone.usePassword(PASSWORD, false);
    expect(agents).toHaveLength(2);
    agent().registers();
    expect(store.getState().registration).toEqual({ state: 'registered' });
    expect(api.requests('credentials.save')).toEqual([]);
  });

  it('a sign-in overtaken by turning the phone off never starts its agent', async () => {
    const { phone, api, agents, store } = await startPhone({ keychain: null });
    const typed = phone.usePassword(PASSWORD, false);
    await phone.signOut();
    await typed;
    expect(agents.every((agent) => agent.started === 0)).toBe(true);
    expect(store.getState().registration).toEqual({ state: 'off' });
    expect(api.requests('phone.setPreferences').at(-1)).toEqual({ signIn: false });
  });
});

describe('the phone signs out', () => {
  it('when turned off: calls end, the agent stops and main hears it is off and stays off', async () => {
    const { phone, api, agent, store } = await registeredPhone();
    const call = agent().ring(divertedCall());
    phone.answer(call.id);
    await phone.signOut();
    expect(call.actions).toContain('hangUp');
    expect(store.getState().calls).toEqual([]);
    expect(agent().stopped).toBe(1);
    expect(store.getState().registration).toEqual({ state: 'off' });
    expect(api.requests('phone.reportRegistration').at(-1)).toEqual({ state: 'off' });
    expect(api.requests('phone.setPreferences').at(-1)).toEqual({ signIn: false });
  });

  it('when turned off in another window (main says so)', async () => {
    const { api, agent, store } = await registeredPhone();
    api.emit('phone.preferences', { signIn: false });
    expect(agent().stopped).toBe(1);
    expect(store.getState().registration).toEqual({ state: 'off' });
  });

  it('when the capability disconnects: no listener, agent, notification or ringtone is left', async () => {
    const { api, agent, disconnect, notifications, ringtone } = await registeredPhone();
    agent().ring(divertedCall());
    disconnect();
    expect(api.listening('phone.config') + api.listening('phone.preferences') + api.listening('phone.dialRequested')).toBe(0);
    expect(agent().stopped).toBe(1);
    expect(notifications.open()).toEqual([]);
    expect(ringtone.playing).toBeUndefined();
  });
});

describe('a re-register during a call', () => {
  it('keeps the call as it is while the PBX drops and the agent registers again', async () => {
    const { phone, agent, agents, api, store, view } = await registeredPhone();
    const call = agent().ring(divertedCall());
    phone.answer(call.id);
    agent().emit({ state: 'failed', reason: 'the PBX at ws://127.0.0.1:8080 does not answer; trying again', auth: false });
    expect(store.getState().registration.state).toBe('failed');
    expect(store.getState().passwordPrompt).toBeUndefined();
    agent().emit({ state: 'connecting' });
    agent().registers();
    // main sends the same configuration again (a profile poll): the agent with its call stays.
    api.emit('phone.config', { ...labConfig });
    await settle();
    expect(agents).toHaveLength(1);
    expect(store.getState().registration).toEqual({ state: 'registered' });
    expect(view(call.id)?.state).toBe('active');

    phone.setHeld(call.id, true);
    expect(view(call.id)?.state).toBe('held');
  });

  it('registers again at once when the network comes back', async () => {
    const { phone, agent } = await registeredPhone();
    phone.networkBack();
    expect(agent().reconnects).toBe(1);
  });
});
