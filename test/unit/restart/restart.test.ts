import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventKey, EventOf } from '../../../common/contract';
import type { SecretId } from '../../../common/contract/credentials';
import type { Agenda } from '../../../common/contract/meetings';
import type { CallHistory, FeatureState, PhonePreferences } from '../../../common/contract/phone';
import type { ProfilesState } from '../../../common/contract/profiles';
import type { Backend } from '../../../main/host/core/backend';
import { keygen, sampleProfile, signedBytes } from '../profiles/fixtures';
import { memoryLog } from '../../support/memory-log';
import { MemorySecretStore } from '../../support/memory-secret-store';
import { testBackendAt } from '../../support/test-backend';

const keys = keygen();
const call = { host: 'web' as const, peer: 'test' };
const DAY_MS = 86_400_000;
/** An address with a token in its path, as calendar subscriptions have; port 9 on loopback, so nothing leaves the machine. */
const SECRET_CALENDAR_URL = 'http://127.0.0.1:9/private-7f3a9c2e/basic.ics';

/** The sample profile valid by the real clock, without the sections whose services would reach out to the network. */
const profileBytes = (): Uint8Array =>
  signedBytes(
    sampleProfile({
      issuedAt: new Date(Date.now() - DAY_MS).toISOString(),
      expiresAt: new Date(Date.now() + 90 * DAY_MS).toISOString(),
      vpn: undefined,
      officePc: undefined,
      calendars: [],
      updates: undefined,
    }),
    keys,
  );

let dataDir: string;
let keychain: MemorySecretStore;
let backend: Backend | undefined;
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'scrivania-restart-'));
  keychain = new MemorySecretStore();
});
afterEach(async () => {
  await backend?.dispose();
  backend = undefined;
  // A write may still land just after the backend stopped (a last good copy, a log line): retry the removal.
  await rm(dataDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 });
});

const start = (): Backend => {
  backend = testBackendAt(dataDir, memoryLog().log, { trustedKeys: [keys.publicKeyPem], secretStore: keychain });
  return backend;
};

/** Disposes the running backend, as quitting the app does, and starts a new one on the same data folder. */
const restart = async (): Promise<Backend> => {
  await backend?.dispose();
  backend = undefined;
  return start();
};

/** The latest `key` event once it satisfies `accept`. */
const eventWhere = <K extends EventKey>(hub: Backend, key: K, accept: (payload: EventOf<K>) => boolean): Promise<EventOf<K>> =>
  new Promise((resolve) => {
    const latest = hub.parts.events.retained(key)?.payload as EventOf<K> | undefined;
    if (latest !== undefined && accept(latest)) return resolve(latest);
    const stop = hub.parts.events.listen((sent, payload) => {
      if (sent !== key || !accept(payload as EventOf<K>)) return;
      stop();
      resolve(payload as EventOf<K>);
    });
  });

const installProfile = async (hub: Backend): Promise<void> => {
  await hub.parts.requests['profiles.import']({ kind: 'file', contentBase64: Buffer.from(profileBytes()).toString('base64') }, call);
  await hub.parts.requests['profiles.setUserField']({ key: 'extension', value: '204' }, call);
};

describe('a restart keeps what was set', () => {
  it('the profile, the employee values and the user fields', async () => {
    const first = start();
    await installProfile(first);
    await first.parts.requests['profiles.setUserField']({ key: 'login', value: 'mrossi' }, call);
    await first.parts.requests['profiles.setUserValue']({ pointer: '/phone/displayName', value: 'Mario Rossi' }, call);

    const again = await restart();
    const state: ProfilesState = await eventWhere(again, 'profiles.changed', (payload) => payload.current !== null);
    expect(state.current).toMatchObject({ organization: 'Comune di Prato', serial: 1, source: 'file' });
    expect(state.problems).toEqual([]);
    const phone = again.profiles.effective().config.phone;
    expect(phone).toMatchObject({ extension: '204', displayName: 'Mario Rossi' });
    expect(again.profiles.effective().config.officePc ?? {}).not.toHaveProperty('host');
    expect(again.profiles.state().effective.missingUserFields).toEqual([]);
  });

  it("the employee's calendars, with the secret address in the keychain and never in the data folder", async () => {
    const first = start();
    const { calendarId } = await first.parts.requests['meetings.addCalendar']({ name: 'Personale', url: SECRET_CALENDAR_URL }, call);

    const again = await restart();
    const agenda: Agenda = await eventWhere(again, 'meetings.agenda', (payload) => payload.calendars.length > 0);
    expect(agenda.calendars.map(({ id, name, origin }) => ({ id, name, origin }))).toEqual([
      { id: calendarId, name: 'Personale', origin: 'user' },
    ]);
    expect(keychain.secrets.get(`personal/calendar:${calendarId}` as SecretId)).toBe(SECRET_CALENDAR_URL);
    const stored = await readFile(join(dataDir, 'meetings', 'calendars.json'), 'utf8');
    expect(stored).toContain('Personale');
    expect(stored).not.toContain('private-7f3a9c2e');

    // A calendar added after the restart gets a new id, and removing one forgets its address.
    const { calendarId: second } = await again.parts.requests['meetings.addCalendar'](
      { name: 'Sport', url: 'http://127.0.0.1:9/b.ics' },
      call,
    );
    expect(second).not.toBe(calendarId);
    await again.parts.requests['meetings.removeCalendar']({ calendarId }, call);
    const third = await restart();
    const after: Agenda = await eventWhere(third, 'meetings.agenda', (payload) => payload.calendars.length > 0);
    expect(after.calendars.map(({ id }) => id)).toEqual([second]);
    expect(keychain.secrets.has(`personal/calendar:${calendarId}` as SecretId)).toBe(false);
  });

  it('the meeting choices', async () => {
    const first = start();
    await first.parts.requests['meetings.setPreferences']({ notifyMinutesBefore: 12 }, call);

    const again = await restart();
    const agenda = await eventWhere(again, 'meetings.agenda', (payload) => payload.preferences.notifyMinutesBefore === 12);
    expect(agenda.preferences.notifyMinutesBefore).toBe(12);
  });

  it('the phone state: preferences, do not disturb and forwarding', async () => {
    const first = start();
    await installProfile(first);
    await first.parts.requests['phone.setPreferences']({ signIn: true, microphone: 'usb-headset' }, call);
    await first.parts.requests['phone.featureApplied']({ feature: 'dndOn' }, call);
    await first.parts.requests['phone.featureApplied']({ feature: 'forwardOn', target: '3331234567' }, call);

    const again = await restart();
    const features: FeatureState = await eventWhere(again, 'phone.features', (payload) => payload.dnd);
    expect(features).toMatchObject({ dnd: true, forwardTo: '3331234567' });
    expect(features).not.toHaveProperty('unknown');
    const preferences: PhonePreferences = await eventWhere(again, 'phone.preferences', (payload) => payload.signIn);
    expect(preferences).toEqual({ signIn: true, microphone: 'usb-headset' });
  });

  it('the call history, and which missed calls were seen', async () => {
    const first = start();
    const missed = {
      direction: 'incoming' as const,
      number: '0574 1835000',
      startedAt: new Date(Date.now() - 60_000).toISOString(),
      durationSeconds: 0,
      outcome: 'missed' as const,
    };
    const { id } = await first.parts.requests['phone.recordCall'](missed, call);
    await first.parts.requests['phone.markMissedSeen']({}, call);
    await first.parts.requests['phone.recordCall']({ ...missed, number: '3001', startedAt: new Date().toISOString() }, call);

    const again = await restart();
    const history: CallHistory = await eventWhere(again, 'phone.history', (payload) => payload.entries.length === 2);
    expect(history.entries.map((entry) => entry.number)).toEqual(['3001', '0574 1835000']);
    expect(history.entries[1]?.id).toBe(id);
    expect(history.missedUnseen).toBe(1);
  });
});
