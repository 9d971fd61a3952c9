import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { credentialsContract, type SecretId, type SecretPurpose } from '../../common/contract/credentials';
import { CredentialService, UnknownPurposeError } from '../../main/services/credentials/credential-service';
import { credentialsRequestHandlers } from '../../main/services/credentials/handlers';
import { KeychainSecretStore } from '../../main/services/credentials/keychain-secret-store';
import { KeychainWorker } from '../../main/services/credentials/keychain-worker';
import { InvalidSecretIdError, KeychainLockedError, KeychainUnavailableError } from '../../main/services/credentials/secret-store';
import type { CallContext } from '../../main/services/handlers';
import { memoryLog } from '../support/memory-log';
import { missingPeer, secretContentType, secretToolCount, secretToolLookup, startSessionBus, type LabSessionBus } from './secret-service';

const onLinux = process.platform === 'linux';
const missing = onLinux ? missingPeer('secret-service') : 'the Secret Service lab runs on Linux only';
const NO_KEYCHAIN = "No keychain is available: install and start GNOME Keyring or KeePassXC's Secret Service, then try again.";
if (missing) console.warn(`credentials lab skipped: ${missing}`);
const context: CallContext = { host: 'web', peer: 'credentials lab' };

/** Every file under `dir` whose bytes contain `needle`. */
const filesContaining = async (dir: string, needle: string): Promise<string[]> => {
  const found: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    if ((await readFile(path)).includes(needle)) found.push(path);
  }
  return found;
};

/** Keys of the Scrivania service in the kernel keyring, where @napi-rs/keyring falls back to when not pinned. */
const scrivaniaKernelKeys = (): string[] =>
  existsSync('/proc/keys')
    ? readFileSync('/proc/keys', 'utf8')
        .split('\n')
        .filter((line) => line.includes('@Scrivania'))
    : [];

describe.skipIf(missing !== undefined)(`credentials against a real Secret Service${missing ? ` (skipped: ${missing})` : ''}`, () => {
  let bus: LabSessionBus;
  let store: KeychainSecretStore;
  let credentials: CredentialService;
  const { log, records } = memoryLog();
  const previousEnv = new Map<string, string | undefined>();
  const secrets = {
    phone: `phone-${randomUUID()}`,
    officePc: `office-${randomUUID()}`,
    vpn: `vpn-${randomUUID()}`,
    calendar: `cal-${randomUUID()}`,
    earlierPhone: `earlier-${randomUUID()}`,
  };

  beforeAll(async () => {
    bus = await startSessionBus();
    // Before the first keychain call of this process: libdbus reads the bus address once and keeps it.
    for (const [name, value] of Object.entries(bus.env)) {
      previousEnv.set(name, process.env[name]);
      process.env[name] = value;
    }
    store = new KeychainSecretStore({ log, probeTimeoutMs: 1_500, callTimeoutMs: 5_000 });
    credentials = new CredentialService(store, log);
  });

  afterAll(async () => {
    store?.dispose();
    await bus?.stop();
    for (const [name, value] of previousEnv) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });

  describe('with no Secret Service on the bus', () => {
    it('reports no keychain with the one sentence that says how to get one', async () => {
      expect(await store.availability()).toEqual({ available: false, reason: NO_KEYCHAIN });
      expect(await credentials.status()).toEqual({ available: false, reason: NO_KEYCHAIN });
    });

    it('refuses to save and writes the secret nowhere, neither to disk nor to the kernel keyring', async () => {
      const kernelKeysBefore = scrivaniaKernelKeys();
      await expect(store.set('phone', secrets.phone)).rejects.toThrow(new KeychainUnavailableError(NO_KEYCHAIN));
      await expect(credentials.save('vpn', secrets.vpn)).rejects.toThrow(KeychainUnavailableError);
      expect(await filesContaining(bus.root, secrets.phone)).toEqual([]);
      expect(await filesContaining(bus.root, secrets.vpn)).toEqual([]);
      expect(scrivaniaKernelKeys()).toEqual(kernelKeysBefore);
    });

    it('still works by asking: a purpose gets the reason instead of a secret, and nothing is saved', async () => {
      expect(await credentials.secretFor('phone.register')).toEqual({ secret: null, reason: NO_KEYCHAIN });
      expect(await credentials.has('phone')).toBe(false);
      await expect(credentials.forget('phone')).rejects.toThrow(NO_KEYCHAIN);
    });

    it('answers the contract with the one-line reason', async () => {
      const handlers = credentialsRequestHandlers(credentials);
      expect(credentialsContract['credentials.status'].response.parse(await handlers['credentials.status']({}, context))).toEqual({
        available: false,
        reason: NO_KEYCHAIN,
      });
      await expect(handlers['credentials.save']({ id: 'phone', secret: secrets.phone }, context)).rejects.toMatchObject({
        code: 'failed',
        message: NO_KEYCHAIN,
        problem: { code: 'credentials.no-keychain' },
      });
      expect(
        credentialsContract['credentials.forPurpose'].response.parse(
          await handlers['credentials.forPurpose']({ purpose: 'vpn.connect' }, context),
        ),
      ).toEqual({ secret: null, reason: NO_KEYCHAIN });
    });
  });

  describe('with a Secret Service that never answers', () => {
    afterAll(() => bus.withdrawUnresponsiveSecretService());

    it('gives up within the probe timeout and never blocks the event loop', async () => {
      await bus.offerUnresponsiveSecretService();
      const wedged = new KeychainSecretStore({ log, probeTimeoutMs: 500 });
      let last = Date.now();
      let longestGap = 0;
      const ticker = setInterval(() => {
        longestGap = Math.max(longestGap, Date.now() - last);
        last = Date.now();
      }, 10);
      const started = Date.now();
      try {
        expect(await wedged.availability()).toEqual({ available: false, reason: NO_KEYCHAIN });
      } finally {
        clearInterval(ticker);
        wedged.dispose();
      }
      expect(Date.now() - started).toBeLessThan(1_500);
      expect(longestGap).toBeLessThan(400);
      expect(
        records.some(
          (record) => record.message === 'no keychain' && /did not answer StartServiceByName within 0\.5 s/.test(String(record.detail)),
        ),
      ).toBe(true);
    });

    it('stops at once even while the Secret Service never answers: no call can block a thread', async () => {
      await bus.offerUnresponsiveSecretService();
      const wedged = new KeychainSecretStore({ log, probeTimeoutMs: 300 });
      expect(await wedged.availability()).toMatchObject({ available: false });
      const asked = Date.now();
      await wedged.dispose();
      expect(Date.now() - asked).toBeLessThan(500);
    });
  });

  describe('with gnome-keyring unlocked on the bus', () => {
    beforeAll(() => bus.startSecretService());

    it('finds the keychain, and its check writes nothing', async () => {
      const before = await secretToolCount(bus.env, { service: 'Scrivania' });
      expect(await credentials.status()).toEqual({ available: true });
      expect(await secretToolCount(bus.env, { service: 'Scrivania' })).toBe(before);
      expect(await secretToolCount(bus.env, { service: 'Scrivania', username: 'availability-probe' })).toBe(0);
    });

    it('stops at once when no call is running', async () => {
      const idle = new KeychainSecretStore({ log });
      expect(await idle.availability()).toEqual({ available: true });
      const asked = Date.now();
      await idle.dispose();
      expect(Date.now() - asked).toBeLessThan(1_000);
    });

    it('sets, gets, overwrites and deletes, one Secret Service item per id', async () => {
      await store.set('phone', secrets.earlierPhone);
      expect(await store.get('phone')).toBe(secrets.earlierPhone);
      await store.set('phone', secrets.phone);
      expect(await store.get('phone')).toBe(secrets.phone);
      expect(await secretToolCount(bus.env, { service: 'Scrivania', username: 'phone' })).toBe(1);
      expect(await store.delete('phone')).toBe(true);
      expect(await store.get('phone')).toBeNull();
      expect(await store.delete('phone')).toBe(false);
    });

    it('keeps the secret in the Secret Service under service Scrivania and the id as username', async () => {
      await credentials.save('phone', secrets.phone);
      expect(await secretToolLookup(bus.env, { service: 'Scrivania', username: 'phone' })).toBe(secrets.phone);
      expect(await credentials.has('phone')).toBe(true);
      expect(await credentials.forget('phone')).toBe(true);
      expect(await secretToolLookup(bus.env, { service: 'Scrivania', username: 'phone' })).toBeNull();
      expect(await credentials.has('phone')).toBe(false);
      expect(await credentials.forget('phone')).toBe(false);
    });

    it('hands each secret out only for its named purpose', async () => {
      await credentials.save('phone', secrets.phone);
      await credentials.save('office-pc', secrets.officePc);
      await credentials.save('vpn', secrets.vpn);
      await credentials.save('calendar:team-2', secrets.calendar);
      expect(await credentials.secretFor('phone.register')).toEqual({ secret: secrets.phone });
      expect(await credentials.secretFor('officePc.connect')).toEqual({ secret: secrets.officePc });
      expect(await credentials.secretFor('vpn.connect')).toEqual({ secret: secrets.vpn });
      expect(await credentials.secretFor('calendar.fetch:team-2')).toEqual({ secret: secrets.calendar });
      expect(await credentials.secretFor('calendar.fetch:other')).toEqual({
        secret: null,
        reason: 'No password is saved for calendar other: enter it to continue.',
      });
      await expect(credentials.secretFor('phone.call' as SecretPurpose)).rejects.toThrow(UnknownPurposeError);
    });

    it('refuses invalid ids with one line that does not echo them', async () => {
      const invalid = [
        'Phone',
        'calendar:',
        'calendar:Team',
        `calendar:${'a'.repeat(65)}`,
        'availability-probe',
        'phone ',
        '',
        'calendar:a/b',
      ];
      for (const id of invalid) {
        await expect(store.set(id as SecretId, secrets.vpn)).rejects.toThrow(InvalidSecretIdError);
        await expect(store.get(id as SecretId)).rejects.toThrow(
          'invalid secret id: expected office-pc, phone, vpn or calendar:<id> with an id of 1–64 characters a–z, 0–9 and -',
        );
        await expect(store.delete(id as SecretId)).rejects.toThrow(InvalidSecretIdError);
        expect(credentialsContract['credentials.save'].request.safeParse({ id, secret: secrets.vpn }).success).toBe(false);
      }
      expect(await store.get(`calendar:${'a'.repeat(64)}`)).toBeNull();
    });

    it('serves the contract', async () => {
      const handlers = credentialsRequestHandlers(credentials);
      const answer = async <K extends keyof typeof handlers>(key: K, request: Parameters<(typeof handlers)[K]>[0]) =>
        credentialsContract[key].response.parse(
          await (handlers[key] as (request: unknown, context: CallContext) => unknown)(
            credentialsContract[key].request.parse(request),
            context,
          ),
        );
      expect(await answer('credentials.status', {})).toEqual({ available: true });
      expect(await answer('credentials.save', { id: 'vpn', secret: 'via the contract' })).toEqual({ saved: true });
      expect(await answer('credentials.has', { id: 'vpn' })).toBe(true);
      expect(await answer('credentials.forPurpose', { purpose: 'vpn.connect' })).toEqual({ secret: 'via the contract' });
      expect(await answer('credentials.forget', { id: 'vpn' })).toEqual({ forgotten: true });
      expect(await answer('credentials.forPurpose', { purpose: 'vpn.connect' })).toEqual({
        secret: null,
        reason: 'No password is saved for the VPN: enter it to continue.',
      });
      const bad = credentialsContract['credentials.forPurpose'].request.safeParse({ purpose: 'vpn.steal' });
      expect(bad.success ? undefined : bad.error.issues[0]?.message).toBe(
        'expected phone.register, officePc.connect, vpn.connect or calendar.fetch:<id> with an id of 1–64 characters a–z, 0–9 and -',
      );
    });

    it('never writes a secret to the log', () => {
      const logged = JSON.stringify(records);
      for (const secret of [...Object.values(secrets), 'via the contract']) expect(logged).not.toContain(secret);
      expect(
        records.some(
          (record) =>
            record.message === 'secret handed out' && record.id === 'calendar:team-2' && record.purpose === 'calendar.fetch:team-2',
        ),
      ).toBe(true);
    });

    it('tells a locked keyring from a missing one: the call says to unlock it, and works at once once unlocked', async () => {
      await credentials.save('phone', secrets.phone);
      await bus.lockLoginKeyring();
      const before = await secretToolCount(bus.env, { service: 'Scrivania' });
      expect(await store.availability()).toEqual({ available: true, locked: true });
      // No prompter runs on the lab bus, so gnome-keyring closes its unlock prompt at once.
      const failure = await store.get('phone').then(
        () => undefined,
        (error: unknown) => error,
      );
      expect(failure).toBeInstanceOf(KeychainLockedError);
      expect(String((failure as Error).message)).toMatch(/still locked: unlock it in the window it opens, then try again\.$/);
      const handlers = credentialsRequestHandlers(credentials, store);
      await expect(handlers['credentials.forPurpose']({ purpose: 'phone.register' }, context)).rejects.toThrow(
        expect.objectContaining({ problem: { code: 'credentials.keychain-locked' } }),
      );
      await bus.unlockLoginKeyring();
      expect(await credentials.secretFor('phone.register')).toEqual({ secret: secrets.phone });
      expect(await secretToolCount(bus.env, { service: 'Scrivania' })).toBe(before);
      expect(await credentials.forget('phone')).toBe(true);
    });

    it('reads, overwrites and forgets a secret an earlier version saved through @napi-rs/keyring', async () => {
      const earlier = new KeychainWorker('Scrivania');
      await earlier.write('office-pc', secrets.officePc, 5_000);
      await earlier.dispose();
      expect(await store.get('office-pc')).toBe(secrets.officePc);
      await store.set('office-pc', secrets.earlierPhone);
      expect(await secretToolCount(bus.env, { service: 'Scrivania', username: 'office-pc' })).toBe(1);
      expect(await secretToolLookup(bus.env, { service: 'Scrivania', username: 'office-pc' })).toBe(secrets.earlierPhone);
      expect(await store.delete('office-pc')).toBe(true);
      expect(await secretToolCount(bus.env, { service: 'Scrivania', username: 'office-pc' })).toBe(0);
    });

    it('stores secrets as text/plain', async () => {
      await store.set('vpn', secrets.vpn);
      expect(await secretContentType(bus.env, 'vpn')).toBe('text/plain');
      expect(await store.delete('vpn')).toBe(true);
    });

    it('notices when the Secret Service goes away', async () => {
      await bus.stopSecretService();
      await expect(credentials.secretFor('phone.register')).rejects.toThrow(/^Could not read phone from the keychain: /);
      expect(await credentials.secretFor('phone.register')).toEqual({ secret: null, reason: NO_KEYCHAIN });
    });

    it('works again at once when the Secret Service is back: no restart of Scrivania', async () => {
      await bus.startSecretService();
      expect(await credentials.status()).toEqual({ available: true });
      await credentials.save('phone', secrets.phone);
      expect(await credentials.secretFor('phone.register')).toEqual({ secret: secrets.phone });
      expect(await credentials.forget('phone')).toBe(true);
    });
  });
});
