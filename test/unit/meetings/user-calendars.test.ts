import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CredentialService } from '../../../main/services/credentials/credential-service';
import { KeychainUnavailableError, type SecretId, type SecretStore } from '../../../main/services/credentials/secret-store';
import { MeetingsService } from '../../../main/services/meetings/meetings-service';
import { UserCalendarsStore } from '../../../main/services/meetings/user-calendars-store';
import { memoryLog } from '../../support/memory-log';
import { MemorySecretStore } from '../../support/memory-secret-store';

let dir: string;
let file: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'scrivania-user-calendars-'));
  file = join(dir, 'meetings', 'calendars.json');
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const personal = { id: 'user-1', name: 'Personale', url: 'https://cal.example/private-91c2.ics', refreshMinutes: 15 };

/** A keychain that is not there, as on a Linux desktop without a Secret Service. */
class NoKeychain implements SecretStore {
  async availability() {
    return { available: false as const, reason: 'No keychain is available: install and start GNOME Keyring.' };
  }
  get(_id: SecretId): Promise<string | null> {
    throw new KeychainUnavailableError('No keychain is available: install and start GNOME Keyring.');
  }
  set(): Promise<void> {
    throw new KeychainUnavailableError('No keychain is available: install and start GNOME Keyring.');
  }
  delete(): Promise<boolean> {
    throw new KeychainUnavailableError('No keychain is available: install and start GNOME Keyring.');
  }
}

describe("the employee's calendars on disk", () => {
  it('keep the address only in the keychain, and forget it when the calendar is removed', async () => {
    const keychain = new MemorySecretStore();
    const secrets = new CredentialService(keychain, memoryLog().log);
    const store = new UserCalendarsStore(file, secrets);
    await store.save([personal]);
    expect(keychain.secrets.get('calendar:user-1')).toBe(personal.url);
    expect(await readFile(file, 'utf8')).not.toContain('private-91c2');

    await store.save([]);
    expect(keychain.secrets.has('calendar:user-1')).toBe(false);
    expect(await new UserCalendarsStore(file, secrets).load()).toEqual({ calendars: [], problems: [] });
  });

  it('are not saved without a keychain, and say why in one line', async () => {
    const store = new UserCalendarsStore(file, new CredentialService(new NoKeychain(), memoryLog().log));
    await expect(store.save([personal])).rejects.toThrow(/^No keychain is available: install and start GNOME Keyring\.$/);
  });

  it('leave out a calendar whose address the keychain does not give, and keep it for a later start', async () => {
    const keychain = new MemorySecretStore();
    const secrets = new CredentialService(keychain, memoryLog().log);
    await new UserCalendarsStore(file, secrets).save([personal]);

    const locked = new UserCalendarsStore(file, new CredentialService(new NoKeychain(), memoryLog().log));
    const loaded = await locked.load();
    expect(loaded.calendars).toEqual([]);
    expect(loaded.problems).toEqual([
      'calendar "Personale" was left out: the keychain did not give its address (No keychain is available: install and start GNOME Keyring.)',
    ]);
    // A save meanwhile does not drop the calendar waiting for the keychain.
    await expect(locked.save([])).resolves.toBeUndefined();
    expect((await new UserCalendarsStore(file, secrets).load()).calendars).toEqual([personal]);
  });

  it('added without a keychain, stay for this session and say they will be gone after a restart', async () => {
    const { log, records } = memoryLog();
    const noKeychain = new CredentialService(new NoKeychain(), log);
    const service = new MeetingsService({
      log,
      clock: () => new Date(),
      timeZone: () => 'Europe/Rome',
      secretFor: (purpose) => noKeychain.secretFor(purpose),
      openExternal: async () => false,
      userAgent: 'Scrivania/test',
      userCalendars: new UserCalendarsStore(file, noKeychain),
    });
    try {
      await service.restoreCalendars();
      const id = service.addCalendar('Personale', 'http://127.0.0.1:9/private.ics');
      await service.flush();
      const shown = service.agenda().calendars.find((calendar) => calendar.id === id);
      expect(shown?.problems[0]).toBe('not kept after a restart: No keychain is available: install and start GNOME Keyring.');
      expect(records.some((record) => record.message === 'calendars not saved: they will be gone after a restart')).toBe(true);
    } finally {
      service.dispose();
    }
  });
});
