import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CredentialService } from '../../../main/services/credentials/credential-service';
import { MeetingsChoicesStore } from '../../../main/services/meetings/meetings-choices-store';
import { UserCalendarsStore } from '../../../main/services/meetings/user-calendars-store';
import { PhoneStateStore, type PhoneState } from '../../../main/services/phone/phone-state-store';
import { UserSettingsStore } from '../../../main/services/profiles/user-settings-store';
import { lastGoodFileOf } from '../../../main/services/storage/atomic-file';
import { memoryLog } from '../../support/memory-log';
import { MemorySecretStore } from '../../support/memory-secret-store';
import { corruptions } from './corruptions';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'scrivania-stored-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

/** A stored file as a test drives it: set something, read it back in a fresh instance, say what "nothing" reads as. */
interface StoredCase {
  name: string;
  file: () => string;
  set: () => Promise<void>;
  /** What a fresh instance reads: the value, and the one line of what went wrong when something did. */
  read: () => Promise<{ value: unknown; problems: string[] }>;
  expected: unknown;
  /** What is read when the file and its last good copy are both gone. */
  lost: unknown;
}

const phoneState: PhoneState = {
  preferences: { signIn: true, microphone: 'usb-headset' },
  features: { dnd: true, forwardTo: '3331234567', groups: { '600': true } },
};
const keychain = new MemorySecretStore();
const secrets = new CredentialService(keychain, memoryLog().log);

const cases: StoredCase[] = [
  {
    name: 'phone/state.json',
    file: () => join(dir, 'phone', 'state.json'),
    set: () => new PhoneStateStore(join(dir, 'phone', 'state.json')).save(phoneState),
    read: async () => {
      const loaded = await new PhoneStateStore(join(dir, 'phone', 'state.json')).load();
      return { value: loaded.state, problems: loaded.problem === undefined ? [] : [loaded.problem] };
    },
    expected: phoneState,
    // The PBX still has what was set: not shown as off.
    lost: {
      preferences: { signIn: false },
      features: { dnd: false, forwardTo: null, groups: {}, unknown: ['dnd', 'forward'] },
    },
  },
  {
    name: 'meetings/choices.json',
    file: () => join(dir, 'meetings', 'choices.json'),
    set: () =>
      new MeetingsChoicesStore(join(dir, 'meetings', 'choices.json')).save({ notifyMinutesBefore: 10, openIn: { zoom: 'browser' } }),
    read: async () => {
      const loaded = await new MeetingsChoicesStore(join(dir, 'meetings', 'choices.json')).load();
      return { value: loaded.value, problems: loaded.problem === undefined ? [] : [loaded.problem] };
    },
    expected: { notifyMinutesBefore: 10, openIn: { zoom: 'browser' } },
    lost: undefined,
  },
  {
    name: 'user-settings.json',
    file: () => join(dir, 'user-settings.json'),
    set: async () => {
      const store = new UserSettingsStore(dir, () => ({}));
      await store.setValue('/phone/displayName', 'Mario Rossi');
      await store.setField('login', 'mrossi');
    },
    read: async () => {
      const store = new UserSettingsStore(dir, () => ({}));
      const problems = await store.load();
      return { value: { values: store.userValues(), fields: store.userFields() }, problems };
    },
    expected: { values: { '/phone/displayName': 'Mario Rossi' }, fields: { login: 'mrossi' } },
    lost: { values: {}, fields: {} },
  },
  {
    name: 'meetings/calendars.json',
    file: () => join(dir, 'meetings', 'calendars.json'),
    set: () =>
      new UserCalendarsStore(join(dir, 'meetings', 'calendars.json'), secrets).save([
        { id: 'user-1', name: 'Personale', url: 'https://cal.example/private-1.ics', refreshMinutes: 15 },
      ]),
    read: async () => {
      const loaded = await new UserCalendarsStore(join(dir, 'meetings', 'calendars.json'), secrets).load();
      return { value: loaded.calendars, problems: loaded.problems };
    },
    expected: [{ id: 'user-1', name: 'Personale', url: 'https://cal.example/private-1.ics', refreshMinutes: 15 }],
    lost: [],
  },
];

describe.each(cases)('$name', (stored) => {
  it('reads back what was set', async () => {
    await stored.set();
    expect(await stored.read()).toEqual({ value: stored.expected, problems: [] });
  });

  describe.each(corruptions)('damaged ($kind)', (corruption) => {
    it('is read from its last good copy, says so in one line, and is whole again at the next start', async () => {
      await stored.set();
      await corruption.damage(stored.file());

      const read = await stored.read();
      expect(read.value).toEqual(stored.expected);
      expect(read.problems).toHaveLength(1);
      expect(read.problems[0]).toMatch(/ the last good copy from \d{4}-\d\d-\d\dT[\d:.]+Z was used instead$/);
      expect(read.problems[0]).not.toContain('\n');

      const next = await stored.read();
      expect(next.value).toEqual(stored.expected);
      // A folder in its place is not Scrivania's to remove: the copy is used again, and said again.
      expect(next.problems).toHaveLength(corruption.kind === 'a folder in its place' ? 1 : 0);
    });

    it('with its last good copy damaged too, starts from nothing and says why in one line', async () => {
      await stored.set();
      await corruption.damage(stored.file());
      await corruption.damage(lastGoodFileOf(stored.file()));

      const read = await stored.read();
      expect(read.value).toEqual(stored.lost);
      expect(read.problems).toHaveLength(1);
      expect(read.problems[0]).toMatch(/^[a-z-]+\.json (is unreadable|is corrupt and was ignored): /);
      expect(read.problems[0]).not.toContain('\n');
    });
  });
});
