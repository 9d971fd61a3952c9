import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ProfileService } from '../../../main/services/profiles/profile-service';
import { memoryLog } from '../../support/memory-log';
import { corruptions } from '../storage/corruptions';
import { clock, keygen, sampleProfile, signedBytes, withTempDir } from './fixtures';
import { startProfileServer } from './profile-server';

const keys = keygen();

let dir: string;
let remove: () => Promise<void>;
beforeEach(async () => ({ dir, remove } = await withTempDir()));
afterEach(() => remove());

const newService = (extra: Partial<ConstructorParameters<typeof ProfileService>[0]> = {}) =>
  new ProfileService({ dataDir: dir, clock, trustedKeys: [keys.publicKeyPem], ...extra });

const profileFile = () => join(dir, 'profile.signed.json');
const metaFile = () => join(dir, 'profile.meta.json');
const keptFile = () => join(dir, 'profile.last-good.json');

describe.each(corruptions)('a damaged stored profile ($kind)', (corruption) => {
  it('is replaced by the last good copy, and the employee and the help-desk log are told from when', async () => {
    await newService().importBytes(signedBytes(sampleProfile({ serial: 5 }), keys));
    const keptAt = JSON.parse(await readFile(keptFile(), 'utf8')).keptAt as string;
    await corruption.damage(profileFile());

    const { log, records } = memoryLog();
    const restarted = newService({ log });
    await restarted.load();
    expect(restarted.summary()).toMatchObject({ serial: 5, organization: 'Comune di Prato' });
    const problems = restarted.state().problems;
    expect(problems.map((problem) => problem.code)).toEqual(['profiles.last-good-used']);
    expect(problems[0]?.params).toEqual({ date: keptAt });
    expect(problems[0]?.detail).toMatch(/; using the last good profile, serial 5, kept 2026-06-01T00:00:00\.000Z$/);
    expect(problems[0]?.detail).not.toContain('\n');
    expect(records.find((record) => record.message === 'stored profile damaged: using the last good copy')).toMatchObject({
      level: 'warn',
      serial: 5,
      keptAt,
      refetching: false,
    });

    // Put back in place: the next start reads it directly (a folder in its place is not Scrivania's to remove).
    const third = newService();
    await third.load();
    expect(third.summary()?.serial).toBe(5);
    expect(third.state().problems.map((problem) => problem.code)).toEqual(
      corruption.kind === 'a folder in its place' ? ['profiles.last-good-used'] : [],
    );
  });

  it('with a profile address, is fetched again in full at once, and the sentence goes once it applied', async () => {
    const server = await startProfileServer();
    try {
      server.publish(signedBytes(sampleProfile({ serial: 5 }), keys));
      expect((await newService().importFromUrl(server.url)).ok).toBe(true);
      await corruption.damage(profileFile());

      const restarted = newService();
      await restarted.load();
      expect(restarted.state().problems.map((problem) => problem.code)).toEqual(['profiles.last-good-fetching']);
      const before = server.requests.length;
      expect(await restarted.checkNow()).toMatchObject({ result: 'already-active' });
      // Not conditional: the ETag named the file that was damaged here.
      expect(server.requests.slice(before)).toEqual([{ path: '/scrivania/profile.json' }]);
      expect(restarted.state().problems).toEqual([]);
    } finally {
      await server.close();
    }
  });
});

describe.each(corruptions)('damaged profile metadata ($kind)', (corruption) => {
  it('keeps rollback refused and the profile address known, from the serial inside the kept copy', async () => {
    const server = await startProfileServer();
    try {
      server.publish(signedBytes(sampleProfile({ serial: 5 }), keys));
      expect((await newService().importFromUrl(server.url)).ok).toBe(true);
      await corruption.damage(metaFile());
      // Both the metadata and the active file: only the kept copy still knows the serial.
      await corruption.damage(profileFile());

      const restarted = newService();
      await restarted.load();
      expect(restarted.summary()).toMatchObject({ serial: 5, source: 'url' });
      expect(await restarted.importBytes(signedBytes(sampleProfile({ serial: 4 }), keys))).toMatchObject({
        ok: false,
        reason: 'profile serial 4 is lower than the active serial 5: rollback refused',
      });
      server.publish(signedBytes(sampleProfile({ serial: 6 }), keys));
      // A folder where the profile goes: the new one cannot be stored, so it is not applied, and that is said.
      const folder = corruption.kind === 'a folder in its place';
      expect(await restarted.checkNow()).toMatchObject(
        folder ? { result: 'failed', problem: { code: 'profiles.not-stored' } } : { result: 'applied' },
      );
      expect(restarted.summary()?.serial).toBe(folder ? 5 : 6);
    } finally {
      await server.close();
    }
  });
});

describe.each(corruptions)('a damaged kept copy ($kind)', (corruption) => {
  it('leaves the active profile applied and is kept again from it', async () => {
    await newService().importBytes(signedBytes(sampleProfile({ serial: 5 }), keys));
    await corruption.damage(keptFile());

    const restarted = newService();
    await restarted.load();
    expect(restarted.summary()?.serial).toBe(5);
    expect(restarted.state().problems.map((problem) => problem.code)).toEqual(['profiles.storage']);
    expect(restarted.state().problems[0]?.detail).toMatch(/^profile\.last-good\.json (is unreadable|is corrupt and was ignored): /);

    if (corruption.kind === 'a folder in its place') return;
    const third = newService();
    await third.load();
    expect(third.state().problems).toEqual([]);
    expect(JSON.parse(await readFile(keptFile(), 'utf8'))).toMatchObject({ serial: 5 });
  });
});
