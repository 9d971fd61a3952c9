import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keychainCheck } from '../../../main/services/help/self-test/checks/keychain-check';
import { profileCheck } from '../../../main/services/help/self-test/checks/profile-check';
import { keygen, sign } from '../../../main/services/profiles/profile-signer';
import { ProfileService } from '../../../main/services/profiles/profile-service';
import { missingPeer } from '../secret-service';
import { labProfile, runCheck, startLabKeychain, type LabKeychain, type LabProfile } from './self-test-lab';

const onLinux = process.platform === 'linux';
const missing = onLinux ? missingPeer('secret-service') : 'the Secret Service lab runs on Linux only';
if (missing) console.warn(`self-test keychain lab skipped: ${missing}`);

const DAY_MS = 86_400_000;
const sections = {
  officePc: { host: '127.0.0.1' },
  phone: { server: 'ws://127.0.0.1:5066', domain: '127.0.0.1', extension: '2001' },
  calendars: [{ id: 'work', name: 'Lavoro', url: 'http://127.0.0.1:9/work.ics', auth: 'basic', username: 'mrossi' }],
};

describe.skipIf(missing !== undefined)('the profile and keychain checks against a real Secret Service', () => {
  let keychain: LabKeychain;
  const profiles: LabProfile[] = [];
  const profile = async (...args: Parameters<typeof labProfile>) => {
    const made = await labProfile(...args);
    profiles.push(made);
    return made;
  };

  beforeAll(async () => {
    // No Secret Service at first: the keychain check must say so.
    keychain = await startLabKeychain({ secretService: false });
  });
  afterAll(async () => {
    await keychain?.stop();
    await Promise.all(profiles.map((made) => made.remove()));
  });

  it('passes a signed, trusted, current profile and names its id, serial and key', async () => {
    const lab = await profile(sections);
    const check = await runCheck(profileCheck, { profiles: lab.profiles, credentials: keychain.credentials, dataDir: lab.dir });
    expect(check).toMatchObject({
      id: 'profile',
      outcome: 'pass',
      meaning: { key: 'help.selfTest.profile.ok.meaning', params: { organization: 'Comune del Lab' } },
    });
    expect(check.action).toBeUndefined();
    expect(check.detail).toMatch(/^comune-lab-self-test serial 1, key [0-9a-f]{16}, from file, expires /);
  });

  it('warns a week before the profile expires, and fails once it has', async () => {
    const lab = await profile(sections, { days: 3 });
    const soon = await runCheck(profileCheck, { profiles: lab.profiles, credentials: keychain.credentials, dataDir: lab.dir });
    expect(soon).toMatchObject({ outcome: 'warn', meaning: { key: 'help.selfTest.profile.expiresSoon.meaning', params: { days: 2 } } });
    const later = await runCheck(profileCheck, {
      profiles: lab.profiles,
      credentials: keychain.credentials,
      dataDir: lab.dir,
      now: () => new Date(Date.now() + 4 * DAY_MS),
    });
    expect(later).toMatchObject({
      outcome: 'fail',
      meaning: { key: 'help.selfTest.profile.expired.meaning' },
      action: { key: 'help.selfTest.profile.expired.action' },
    });
  });

  it('warns when details the profile needs from the employee are missing', async () => {
    const lab = await profile(
      { officePc: { host: 'pc-${user.login}.lab.test' } },
      { userFields: [{ key: 'login', label: { en: 'User name', it: 'Nome utente' } }] },
    );
    const check = await runCheck(profileCheck, { profiles: lab.profiles, credentials: keychain.credentials, dataDir: lab.dir });
    expect(check).toMatchObject({
      outcome: 'warn',
      meaning: { key: 'help.selfTest.profile.missingDetails.meaning', params: { fields: 'login' } },
    });
  });

  it('fails with the reason when the only profile offered is signed by an untrusted key', async () => {
    const lab = await profile(sections);
    const stranger = new ProfileService({ dataDir: `${lab.dir}/untrusted`, trustedKeys: [keygen().publicKeyPem] });
    const outcome = await stranger.importBytes(new TextEncoder().encode(lab.signed), 'file');
    expect(outcome.ok).toBe(false);
    const check = await runCheck(profileCheck, { profiles: stranger, credentials: keychain.credentials, dataDir: lab.dir });
    expect(check).toMatchObject({ outcome: 'fail', meaning: { key: 'help.selfTest.profile.none.meaning' } });
    expect(check.detail).toMatch(/^last import refused: signed with unknown key [0-9a-f]{16}/);
  });

  it('fails with the reason when an expired profile is offered', async () => {
    const keys = keygen();
    const expired = sign(
      {
        schemaVersion: 1,
        id: 'old',
        serial: 1,
        issuedAt: '2024-01-01T00:00:00Z',
        expiresAt: '2025-01-01T00:00:00Z',
        organization: { name: 'Comune del Lab' },
      },
      keys.privateKeyPem,
    );
    const lab = await profile(sections);
    const service = new ProfileService({ dataDir: `${lab.dir}/expired`, trustedKeys: [keys.publicKeyPem] });
    await service.importBytes(new TextEncoder().encode(JSON.stringify(expired)), 'file');
    const check = await runCheck(profileCheck, { profiles: service, credentials: keychain.credentials, dataDir: lab.dir });
    expect(check.outcome).toBe('fail');
    expect(check.detail).toMatch(/expired/);
  });

  it('fails the keychain check when no Secret Service answers, with the sentence that says how to get one', async () => {
    const lab = await profile(sections);
    const check = await runCheck(keychainCheck, { profiles: lab.profiles, credentials: keychain.credentials, dataDir: lab.dir });
    expect(check).toMatchObject({
      outcome: 'fail',
      meaning: { key: 'help.selfTest.keychain.unavailable.meaning' },
      action: { key: 'help.selfTest.keychain.unavailable.action' },
    });
    expect(check.detail).toContain('No keychain is available');
  });

  it('warns naming the passwords not saved yet, and passes once every one the profile needs is there', async () => {
    await keychain.bus.startSecretService();
    const lab = await profile(sections);
    await keychain.credentials.save('phone', 'lab-phone-secret-1');
    const partly = await runCheck(keychainCheck, { profiles: lab.profiles, credentials: keychain.credentials, dataDir: lab.dir });
    expect(partly).toMatchObject({
      outcome: 'warn',
      meaning: { key: 'help.selfTest.keychain.missing.meaning', params: { missing: 'office-pc, calendar:work', count: 2 } },
    });
    expect(partly.detail).not.toContain('lab-phone-secret-1');
    await keychain.credentials.save('office-pc', 'lab-office-secret-2');
    await keychain.credentials.save('calendar:work', 'lab-calendar-secret-3');
    const complete = await runCheck(keychainCheck, { profiles: lab.profiles, credentials: keychain.credentials, dataDir: lab.dir });
    expect(complete).toMatchObject({
      outcome: 'pass',
      meaning: { key: 'help.selfTest.keychain.ok.meaning', params: { count: 3 } },
      detail: 'saved: office-pc, phone, calendar:work',
    });
  });
});
