import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { credentialsContract, isKeychainAccount, isSecretScopeKey, type SecretScopes } from '../../../common/contract/credentials';
import { ContractError } from '../../../common/contract/errors';
import { CredentialService } from '../../../main/services/credentials/credential-service';
import { credentialsRequestHandlers } from '../../../main/services/credentials/handlers';
import { OrganisationSecrets } from '../../../main/services/credentials/organisation-secrets';
import { scopedAccount, scopeOfOrganization } from '../../../main/services/credentials/secret-scope';
import type { CallContext } from '../../../main/services/handlers';
import { ProfileService } from '../../../main/services/profiles/profile-service';
import { memoryLog } from '../../support/memory-log';
import { clock, keygen, sampleProfile, signedBytes, withTempDir } from '../profiles/fixtures';
import { MemorySecretStore } from './memory-secret-store';

const keys = keygen();
const context: CallContext = { host: 'web', peer: 'test' };
const PRATO = scopeOfOrganization('Comune di Prato').key;
const COLLEGNO = scopeOfOrganization('Comune di Collegno').key;

let dir: string;
let remove: () => Promise<void>;
beforeEach(async () => ({ dir, remove } = await withTempDir()));
afterEach(() => remove());

/** The app's wiring: a real profile service, the organisation scoping over a keychain, the credential service on top. */
const desk = (keychain = new MemorySecretStore(), now = () => clock().getTime()) => {
  const { log, records } = memoryLog();
  const profiles = new ProfileService({ dataDir: dir, clock, trustedKeys: [keys.publicKeyPem] });
  const organisations = new OrganisationSecrets({ keychain, profiles, dataDir: dir, log, clock: now });
  const credentials = new CredentialService(organisations, log, organisations);
  const announced: SecretScopes[] = [];
  organisations.on('scopes', (scopes) => announced.push(scopes));
  let serial = 0;
  const install = async (organization: string, calendars = [{ id: 'work', name: 'Lavoro', url: 'https://cal.example/work.ics' }]) => {
    serial += 1;
    const outcome = await profiles.importBytes(
      signedBytes(sampleProfile({ serial, organization: { name: organization }, calendars }), keys),
    );
    expect(outcome.ok).toBe(true);
  };
  return { keychain, profiles, organisations, credentials, announced, install, records };
};

describe('the scope of an organisation', () => {
  it('is a stable, keychain-safe key from the organisation name, the same however the name is spaced or capitalised', () => {
    expect(PRATO).toMatch(/^org-comune-di-prato-[0-9a-f]{8}$/);
    expect(scopeOfOrganization('  comune DI   prato ').key).toBe(PRATO);
    expect(scopeOfOrganization('Comune di Prato')).toEqual({ key: PRATO, organization: 'Comune di Prato' });
    expect(COLLEGNO).not.toBe(PRATO);
  });

  it('keeps apart names whose slugs coincide, and stays short and valid for any name', () => {
    const accented = scopeOfOrganization('Città di Collegno').key;
    const plain = scopeOfOrganization('Citta di Collegno').key;
    expect(accented.slice(0, -8)).toBe(plain.slice(0, -8));
    expect(accented).not.toBe(plain);
    for (const name of ['Azienda Sanitaria Locale Città di Torino — Dipartimento Prevenzione', '東京都庁', '---', 'A/B:C']) {
      const { key } = scopeOfOrganization(name);
      expect(isSecretScopeKey(key), key).toBe(true);
      expect(isKeychainAccount(scopedAccount(key, 'calendar:team-2')), key).toBe(true);
    }
  });

  it('is personal without a profile', () => {
    expect(scopeOfOrganization(undefined)).toEqual({ key: 'personal', organization: null });
    expect(scopeOfOrganization('   ').key).toBe('personal');
  });
});

describe('OrganisationSecrets', () => {
  it("keeps each organisation's passwords under its own keychain accounts", async () => {
    const { keychain, credentials, install } = desk();
    await install('Comune di Prato');
    await credentials.save('phone', 'prato-phone');
    expect([...keychain.entries]).toEqual([[`${PRATO}/phone`, 'prato-phone']]);
    expect(await credentials.secretFor('phone.register')).toEqual({ secret: 'prato-phone' });
  });

  it("lets a second organisation's profile neither read nor overwrite the first one's, and finds them again on switching back", async () => {
    const { keychain, credentials, install } = desk();
    await install('Comune di Prato');
    await credentials.save('phone', 'prato-phone');
    await credentials.save('calendar:work', 'prato-calendar');

    await install('Comune di Collegno');
    expect(await credentials.has('phone')).toBe(false);
    expect(await credentials.secretFor('phone.register')).toEqual({
      secret: null,
      reason: 'No password is saved for the phone: enter it to continue.',
    });
    expect((await credentials.secretFor('calendar.fetch:work')).secret).toBeNull();
    await credentials.save('phone', 'collegno-phone');
    expect(await credentials.forget('calendar:work')).toBe(false);
    expect(keychain.entries.get(`${PRATO}/phone`)).toBe('prato-phone');
    expect(keychain.entries.get(`${PRATO}/calendar:work`)).toBe('prato-calendar');

    await install('Comune di Prato');
    expect(await credentials.secretFor('phone.register')).toEqual({ secret: 'prato-phone' });
    expect(await credentials.secretFor('calendar.fetch:work')).toEqual({ secret: 'prato-calendar' });
  });

  it('announces the active organisation and the others holding passwords, on every switch and change', async () => {
    const { credentials, organisations, install, announced } = desk();
    await install('Comune di Prato');
    await organisations.start();
    await credentials.save('phone', 'prato-phone');
    await credentials.save('vpn', 'prato-vpn');
    await install('Comune di Collegno');
    expect(announced.at(-1)).toEqual({
      active: { scope: COLLEGNO, organization: 'Comune di Collegno', saved: 0 },
      others: [{ scope: PRATO, organization: 'Comune di Prato', saved: 2 }],
    });
    await credentials.save('office-pc', 'collegno-pc');
    expect(announced.at(-1)?.active.saved).toBe(1);
    expect(credentialsContract['credentials.scopesChanged'].payload.parse(announced.at(-1))).toEqual(announced.at(-1));
    organisations.stop();
  });

  it("removes one organisation's passwords and nothing else, through the contract", async () => {
    const { keychain, credentials, organisations, install } = desk();
    await install('Comune di Prato');
    await credentials.save('phone', 'prato-phone');
    await credentials.save('calendar:work', 'prato-calendar');
    await install('Comune di Collegno');
    await credentials.save('phone', 'collegno-phone');
    keychain.entries.set('vpn', 'unscoped-but-not-migrated');

    const handlers = credentialsRequestHandlers(credentials);
    expect(await handlers['credentials.forgetScope']({ scope: PRATO }, context)).toEqual({ removed: 2 });
    expect([...keychain.entries.keys()].sort()).toEqual([`${COLLEGNO}/phone`, 'vpn']);
    expect(await organisations.scopes()).toEqual({ active: { scope: COLLEGNO, organization: 'Comune di Collegno', saved: 1 }, others: [] });
    expect(await handlers['credentials.forgetScope']({ scope: PRATO }, context)).toEqual({ removed: 0 });
    expect(credentialsContract['credentials.forgetScope'].request.safeParse({ scope: 'org-Prato/phone' }).success).toBe(false);
  });

  it('says the passwords were not removed when the keychain fails, and removing again finishes the job', async () => {
    const { keychain, credentials, organisations, install } = desk();
    await install('Comune di Prato');
    await credentials.save('phone', 'prato-phone');
    await credentials.save('vpn', 'prato-vpn');
    await install('Comune di Collegno');
    keychain.failOn = { op: 'delete', account: `${PRATO}/vpn` };
    const handlers = credentialsRequestHandlers(credentials);
    const failure = await Promise.resolve(handlers['credentials.forgetScope']({ scope: PRATO }, context)).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ContractError);
    expect((failure as ContractError).problem?.code).toBe('credentials.remove-failed');
    expect((await organisations.scopes()).others).toEqual([{ scope: PRATO, organization: 'Comune di Prato', saved: 1 }]);
    keychain.failOn = undefined;
    expect(await credentials.forgetScope(PRATO)).toBe(1);
    expect([...keychain.entries.keys()]).toEqual([]);
  });

  it('keeps the record of scopes, ids only, so a later start can still remove a scope', async () => {
    const first = desk();
    await first.install('Comune di Prato');
    await first.credentials.save('phone', 'prato-phone');
    await first.install('Comune di Collegno');
    const record = await readFile(join(dir, 'credentials', 'organisation-secrets.json'), 'utf8');
    expect(record).not.toContain('prato-phone');
    expect(JSON.parse(record)).toMatchObject({ scopes: { [PRATO]: { organization: 'Comune di Prato', ids: ['phone'] } } });

    const later = desk(first.keychain);
    expect((await later.organisations.scopes()).others).toEqual([{ scope: PRATO, organization: 'Comune di Prato', saved: 1 }]);
    expect(await later.credentials.forgetScope(PRATO)).toBe(1);
  });

  describe('migration of the unscoped entries of earlier versions', () => {
    const earlierLayout = (): MemorySecretStore => {
      const keychain = new MemorySecretStore();
      keychain.entries.set('phone', 'old-phone');
      keychain.entries.set('office-pc', 'old-pc');
      keychain.entries.set('calendar:work', 'old-calendar');
      keychain.entries.set('calendar:user-3', 'old-own-calendar');
      return keychain;
    };

    it('moves them to the organisation of the profile active at the first start, and deletes the old ones', async () => {
      const { keychain, credentials, install, records } = desk(earlierLayout());
      await install('Comune di Prato');
      expect(await credentials.secretFor('phone.register')).toEqual({ secret: 'old-phone' });
      expect(Object.fromEntries(keychain.entries)).toEqual({
        [`${PRATO}/phone`]: 'old-phone',
        [`${PRATO}/office-pc`]: 'old-pc',
        [`${PRATO}/calendar:work`]: 'old-calendar',
        [`${PRATO}/calendar:user-3`]: 'old-own-calendar',
      });
      expect(JSON.stringify(records)).not.toContain('old-');
    });

    it('runs once: an unscoped entry written later is left alone', async () => {
      const first = desk(earlierLayout());
      await first.install('Comune di Prato');
      await first.credentials.has('phone');
      first.keychain.entries.set('vpn', 'written-by-an-older-version');

      const later = desk(first.keychain);
      expect(await later.credentials.has('vpn')).toBe(false);
      expect(first.keychain.entries.get('vpn')).toBe('written-by-an-older-version');
      const record = JSON.parse(await readFile(join(dir, 'credentials', 'organisation-secrets.json'), 'utf8')) as { migration: unknown };
      expect(record.migration).toMatchObject({ scope: PRATO, moved: ['phone', 'office-pc', 'calendar:work', 'calendar:user-3'], kept: [] });
    });

    it('moves them to the personal scope when no profile is active', async () => {
      const { keychain, credentials } = desk(earlierLayout());
      expect(await credentials.secretFor('officePc.connect')).toEqual({ secret: 'old-pc' });
      expect(keychain.entries.get('personal/office-pc')).toBe('old-pc');
      expect(keychain.entries.has('office-pc')).toBe(false);
    });

    it('leaves the old entries when it fails, and tries again later', async () => {
      let now = clock().getTime();
      const keychain = earlierLayout();
      keychain.failOn = { op: 'set', account: `${PRATO}/office-pc` };
      const { credentials, install } = desk(keychain, () => now);
      await install('Comune di Prato');
      expect(await credentials.has('phone')).toBe(true);
      expect(keychain.entries.get('office-pc')).toBe('old-pc');
      expect(keychain.entries.get('calendar:work')).toBe('old-calendar');
      expect(await credentials.has('office-pc')).toBe(false);

      keychain.failOn = undefined;
      now += 60_000;
      expect(await credentials.secretFor('officePc.connect')).toEqual({ secret: 'old-pc' });
      expect(keychain.entries.has('office-pc')).toBe(false);
      expect(keychain.entries.has('calendar:work')).toBe(false);
    });

    it('never overwrites a password already saved for the organisation', async () => {
      const keychain = earlierLayout();
      keychain.entries.set(`${PRATO}/phone`, 'newer-phone');
      const { credentials, install } = desk(keychain);
      await install('Comune di Prato');
      expect(await credentials.secretFor('phone.register')).toEqual({ secret: 'newer-phone' });
      expect(keychain.entries.get('phone')).toBe('old-phone');
    });
  });

  it('refuses a scoped or invalid id from callers, who name bare ids only', async () => {
    const { organisations } = desk();
    await expect(organisations.get(`${PRATO}/phone` as 'phone')).rejects.toThrow('invalid secret id');
    await expect(organisations.set('Phone' as 'phone', 'x')).rejects.toThrow('invalid secret id');
  });
});
