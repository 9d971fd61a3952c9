import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CredentialService } from '../../main/services/credentials/credential-service';
import { KeychainSecretStore } from '../../main/services/credentials/keychain-secret-store';
import { OrganisationSecrets } from '../../main/services/credentials/organisation-secrets';
import { scopeOfOrganization } from '../../main/services/credentials/secret-scope';
import { ProfileService } from '../../main/services/profiles/profile-service';
import { memoryLog } from '../support/memory-log';
import { clock, keygen, sampleProfile, signedBytes, withTempDir } from '../unit/profiles/fixtures';
import { missingPeer, secretToolCount, secretToolLookup, startSessionBus, type LabSessionBus } from './secret-service';

const onLinux = process.platform === 'linux';
const missing = onLinux ? missingPeer('secret-service') : 'the Secret Service lab runs on Linux only';
if (missing) console.warn(`credentials scope lab skipped: ${missing}`);

const keys = keygen();
const PRATO = scopeOfOrganization('Comune di Prato').key;
const COLLEGNO = scopeOfOrganization('Comune di Collegno').key;

describe.skipIf(missing !== undefined)(
  `secrets per organisation in a real Secret Service${missing ? ` (skipped: ${missing})` : ''}`,
  () => {
    let bus: LabSessionBus;
    let keychain: KeychainSecretStore;
    let dataDir: { dir: string; remove: () => Promise<void> };
    const { log, records } = memoryLog();
    const previousEnv = new Map<string, string | undefined>();
    const secrets = {
      oldPhone: `old-phone-${randomUUID()}`,
      oldCalendar: `old-cal-${randomUUID()}`,
      laterVpn: `later-vpn-${randomUUID()}`,
      collegnoPhone: `collegno-phone-${randomUUID()}`,
      collegnoPc: `collegno-pc-${randomUUID()}`,
    };
    let serial = 0;

    /** One start of the app: its profiles from the data folder, the organisation scoping, the credential service. */
    const start = () => {
      const profiles = new ProfileService({ dataDir: dataDir.dir, clock, trustedKeys: [keys.publicKeyPem] });
      const organisations = new OrganisationSecrets({ keychain, profiles, dataDir: dataDir.dir, log });
      const credentials = new CredentialService(organisations, log, organisations);
      const install = async (organization: string) => {
        serial += 1;
        const profile = sampleProfile({ serial, organization: { name: organization } });
        expect((await profiles.importBytes(signedBytes(profile, keys))).ok).toBe(true);
      };
      return { profiles, organisations, credentials, install };
    };
    const lookup = (username: string) => secretToolLookup(bus.env, { service: 'Scrivania', username });

    beforeAll(async () => {
      bus = await startSessionBus();
      // Before the first keychain call of this process: libdbus reads the bus address once and keeps it.
      for (const [name, value] of Object.entries(bus.env)) {
        previousEnv.set(name, process.env[name]);
        process.env[name] = value;
      }
      await bus.startSecretService();
      keychain = new KeychainSecretStore({ log, probeTimeoutMs: 1_500, callTimeoutMs: 5_000 });
      dataDir = await withTempDir();
      // The profile already active with the earlier version, whose entries sit under the bare ids.
      const first = new ProfileService({ dataDir: dataDir.dir, clock, trustedKeys: [keys.publicKeyPem] });
      serial += 1;
      expect((await first.importBytes(signedBytes(sampleProfile({ serial }), keys))).ok).toBe(true);
      await keychain.set('phone', secrets.oldPhone);
      await keychain.set('calendar:work', secrets.oldCalendar);
    });

    afterAll(async () => {
      await keychain?.dispose();
      await dataDir?.remove();
      await bus?.stop();
      for (const [name, value] of previousEnv) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    });

    it("moves the earlier version's entries to the active organisation at the first start, and deletes the old ones", async () => {
      const { credentials, organisations } = start();
      await organisations.start();
      expect(await lookup(`${PRATO}/phone`)).toBe(secrets.oldPhone);
      expect(await lookup(`${PRATO}/calendar:work`)).toBe(secrets.oldCalendar);
      expect(await lookup('phone')).toBeNull();
      expect(await lookup('calendar:work')).toBeNull();
      expect(await credentials.secretFor('phone.register')).toEqual({ secret: secrets.oldPhone });
      organisations.stop();
    });

    it('runs the migration once: an unscoped entry written afterwards is neither moved nor read', async () => {
      await keychain.set('vpn', secrets.laterVpn);
      const { credentials, organisations } = start();
      await organisations.start();
      expect(await credentials.has('vpn')).toBe(false);
      expect(await lookup('vpn')).toBe(secrets.laterVpn);
      expect(await secretToolCount(bus.env, { service: 'Scrivania', username: `${PRATO}/vpn` })).toBe(0);
      organisations.stop();
    });

    it("gives a second organisation's profile none of the first one's passwords, and never overwrites them", async () => {
      const { credentials, organisations, install } = start();
      await install('Comune di Collegno');
      expect(await credentials.secretFor('phone.register')).toEqual({
        secret: null,
        reason: 'No password is saved for the phone: enter it to continue.',
      });
      expect((await credentials.secretFor('calendar.fetch:work')).secret).toBeNull();
      await credentials.save('phone', secrets.collegnoPhone);
      await credentials.save('office-pc', secrets.collegnoPc);
      expect(await lookup(`${COLLEGNO}/phone`)).toBe(secrets.collegnoPhone);
      expect(await lookup(`${PRATO}/phone`)).toBe(secrets.oldPhone);
      expect(await organisations.scopes()).toEqual({
        active: { scope: COLLEGNO, organization: 'Comune di Collegno', saved: 2 },
        others: [{ scope: PRATO, organization: 'Comune di Prato', saved: 2 }],
      });
    });

    it('finds the first organisation’s passwords again on switching back, after a restart too', async () => {
      const { credentials, install } = start();
      await install('Comune di Prato');
      expect(await credentials.secretFor('phone.register')).toEqual({ secret: secrets.oldPhone });
      expect(await credentials.secretFor('calendar.fetch:work')).toEqual({ secret: secrets.oldCalendar });
      expect(await credentials.has('office-pc')).toBe(false);
    });

    it("removes one organisation's passwords and only those", async () => {
      const { credentials } = start();
      expect(await credentials.forgetScope(COLLEGNO)).toBe(2);
      expect(await secretToolCount(bus.env, { service: 'Scrivania', username: `${COLLEGNO}/phone` })).toBe(0);
      expect(await secretToolCount(bus.env, { service: 'Scrivania', username: `${COLLEGNO}/office-pc` })).toBe(0);
      expect(await lookup(`${PRATO}/phone`)).toBe(secrets.oldPhone);
      expect(await lookup(`${PRATO}/calendar:work`)).toBe(secrets.oldCalendar);
      expect(await lookup('vpn')).toBe(secrets.laterVpn);
      expect((await credentials.scopes())?.others).toEqual([]);
    });

    it('never writes a secret to the log', () => {
      const logged = JSON.stringify(records);
      for (const secret of Object.values(secrets)) expect(logged).not.toContain(secret);
      expect(records.some((record) => record.message === 'secrets of the earlier layout moved to the active organisation')).toBe(true);
    });
  },
);
