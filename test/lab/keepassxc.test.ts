import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KeychainPrompt } from '../../common/contract/credentials';
import { ContractError } from '../../common/contract/errors';
import { CredentialService } from '../../main/services/credentials/credential-service';
import { credentialsRequestHandlers } from '../../main/services/credentials/handlers';
import { KeychainSecretStore } from '../../main/services/credentials/keychain-secret-store';
import { KeychainLockedError, KeychainRefusedError } from '../../main/services/credentials/secret-store';
import type { CallContext } from '../../main/services/handlers';
import { memoryLog } from '../support/memory-log';
import en from '../../assets/locales/en.json';
import it_ from '../../assets/locales/it.json';
import { keychainCheck } from '../../main/services/help/self-test/checks/keychain-check';
import { labProfile, runCheck } from './help/self-test-lab';
import { missingKeePassXc, startKeePassXc, type LabEntry, type LabKeePassXc } from './keepassxc';
import { missingPeer, startSessionBus, type LabSessionBus } from './secret-service';

const missing =
  process.platform === 'linux' ? (missingPeer('secret-service') ?? missingKeePassXc()) : 'the KeePassXC lab runs on Linux only';
if (missing) console.warn(`KeePassXC lab skipped: ${missing}`);
const context: CallContext = { host: 'web', peer: 'keepassxc lab' };

/** A store on the lab bus that records the prompts it waits on. */
const storeOn = (bus: LabSessionBus) => {
  const prompts: (KeychainPrompt | null)[] = [];
  const { log, records } = memoryLog();
  const store = new KeychainSecretStore({
    log,
    env: bus.env,
    probeTimeoutMs: 2_000,
    callTimeoutMs: 5_000,
    // Well within the tests' own limits, so a prompt nobody answers fails with its reason instead of a timeout.
    promptTimeoutMs: 20_000,
    onPrompt: (prompt) => prompts.push(prompt),
  });
  return { store, prompts, records, credentials: new CredentialService(store, log) };
};

const waitFor = async (condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`${what} did not happen within ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

const ofScrivania = (entries: LabEntry[], username?: string): LabEntry[] =>
  entries.filter(
    (entry) => entry.attributes['service'] === 'Scrivania' && (username === undefined || entry.attributes['username'] === username),
  );

/** The error a promise fails with, caught at once so that it never counts as unhandled while the test acts. */
const failureOf = (work: Promise<unknown>): Promise<unknown> =>
  work.then(
    () => new Error('expected the call to fail'),
    (error: unknown) => error,
  );

describe.skipIf(missing !== undefined)(`KeePassXC's Secret Service${missing ? ` (skipped: ${missing})` : ''}`, () => {
  describe('with its access and delete confirmations off', () => {
    let bus: LabSessionBus;
    let keepassxc: LabKeePassXc;
    let lab: ReturnType<typeof storeOn>;

    beforeAll(async () => {
      bus = await startSessionBus();
      keepassxc = await startKeePassXc(bus, { confirmAccess: false, confirmDelete: false });
      lab = storeOn(bus);
    }, 60_000);

    afterAll(async () => {
      await lab?.store.dispose();
      await keepassxc?.stop();
      await bus?.stop();
    });

    it('checks availability without writing anything to the database', async () => {
      const before = await keepassxc.entries();
      for (let check = 0; check < 3; check++) expect(await lab.store.availability()).toEqual({ available: true, keepsDeleted: true });
      expect(await keepassxc.entries()).toEqual(before);
      expect(before.filter((entry) => entry.title.includes('availability-probe'))).toEqual([]);
    });

    it("stores the secret as text, so KeePassXC shows it as the entry's password, not as an attachment", async () => {
      const secret = `phone-${randomUUID()}`;
      await lab.credentials.save('phone', secret);
      const [entry, ...others] = ofScrivania(await keepassxc.entriesOnceSaved((entries) => ofScrivania(entries, 'phone').length > 0));
      expect(others).toEqual([]);
      expect(entry).toMatchObject({
        group: 'Passwords',
        password: secret,
        attachments: 0,
        attributes: { service: 'Scrivania', username: 'phone' },
      });
      expect(await lab.store.get('phone')).toBe(secret);
    });

    it('overwrites an existing entry in place, and forgetting leaves the Recycle Bin copy emptied', async () => {
      const first = `vpn-${randomUUID()}`;
      const second = `vpn-${randomUUID()}`;
      await lab.store.set('vpn', first);
      await lab.store.set('vpn', second);
      const saved = await keepassxc.entriesOnceSaved((entries) => ofScrivania(entries, 'vpn')[0]?.password === second);
      expect(ofScrivania(saved, 'vpn')).toHaveLength(1);
      const handlers = credentialsRequestHandlers(lab.credentials, lab.store);
      expect(await handlers['credentials.forget']({ id: 'vpn' }, context)).toEqual({ forgotten: true });
      expect(await lab.store.get('vpn')).toBeNull();
      const left = ofScrivania(
        await keepassxc.entriesOnceSaved((entries) => ofScrivania(entries, 'vpn')[0]?.group === 'Recycle Bin'),
        'vpn',
      );
      // KeePassXC moves it to its Recycle Bin: the entry's own password is empty; its history (which no Secret
      // Service call reaches) still holds the earlier values, which is what Help tells the person to empty.
      expect(left.map((entry) => ({ group: entry.group, password: entry.password }))).toEqual([{ group: 'Recycle Bin', password: '' }]);
      expect(left[0]?.history).toContain(second);
    });

    it("the setup check says what KeePassXC's Recycle Bin and entry history keep, and how to empty them", async () => {
      const lab2 = await labProfile({ officePc: { host: '127.0.0.1' } });
      try {
        await lab.store.set('office-pc', `office-${randomUUID()}`);
        const check = await runCheck(keychainCheck, { profiles: lab2.profiles, credentials: lab.credentials, dataDir: lab2.dir });
        expect(check).toMatchObject({ outcome: 'pass', meaning: { key: 'help.selfTest.keychain.keepsDeleted.meaning' } });
        expect(check.action).toBeUndefined();
        expect(en.help.selfTest.keychain.keepsDeleted.meaning).toContain('empty the Recycle Bin in KeePassXC');
        expect(it_.help.selfTest.keychain.keepsDeleted.meaning).toContain('svuota il Cestino di KeePassXC');
      } finally {
        await lab.store.delete('office-pc');
        await lab2.remove();
      }
    });

    it('after many checks and calls, no probe entry is anywhere, the Recycle Bin included', async () => {
      for (let round = 0; round < 5; round++) {
        await lab.store.availability();
        await lab.store.get('office-pc');
      }
      expect((await keepassxc.entries()).filter((entry) => JSON.stringify(entry).includes('availability-probe'))).toEqual([]);
    });

    it('a locked database counts as there; a call opens the unlock window, waits for the password and then works', async () => {
      const secret = `office-${randomUUID()}`;
      await lab.store.set('office-pc', secret);
      await keepassxc.lock();
      expect(await lab.store.availability()).toEqual({ available: true, locked: true, keepsDeleted: true });
      lab.prompts.length = 0;
      const setupCheck = await labProfile({ officePc: { host: '127.0.0.1' } });
      try {
        const check = await runCheck(keychainCheck, {
          profiles: setupCheck.profiles,
          credentials: lab.credentials,
          dataDir: setupCheck.dir,
        });
        expect(check).toMatchObject({ outcome: 'warn', meaning: { key: 'help.selfTest.keychain.locked.meaning' } });
        expect(lab.prompts).toEqual([]);
      } finally {
        await setupCheck.remove();
      }
      lab.prompts.length = 0;
      const read = lab.store.get('office-pc');
      await waitFor(() => lab.prompts.includes('unlock'), 'the unlock prompt');
      // Longer than any call timeout of before: the call waits for the person, not for a clock.
      await new Promise((resolve) => setTimeout(resolve, 3_500));
      await keepassxc.typePassword();
      expect(await read).toBe(secret);
      expect(lab.prompts.at(-1)).toBeNull();
    }, 30_000);

    it('an unlock cancelled in Scrivania fails as "locked", with its next step, not as "no keychain"', async () => {
      await keepassxc.lock();
      lab.prompts.length = 0;
      const read = failureOf(lab.store.get('office-pc'));
      await waitFor(() => lab.prompts.includes('unlock'), 'the unlock prompt');
      expect(lab.store.cancelPrompts()).toBe(true);
      const error = await read;
      expect(error).toBeInstanceOf(KeychainLockedError);
      expect((error as Error).message).toMatch(/unlock it in the window it opens, then try again\.$/);
      const handlers = credentialsRequestHandlers(lab.credentials, lab.store);
      const answer = failureOf(Promise.resolve(handlers['credentials.forPurpose']({ purpose: 'officePc.connect' }, context)));
      await waitFor(() => lab.prompts.filter((prompt) => prompt === 'unlock').length === 2, 'the second unlock prompt');
      expect(await handlers['credentials.cancelPrompt']({}, context)).toEqual({ cancelled: true });
      expect(await answer).toBeInstanceOf(ContractError);
      expect(((await answer) as ContractError).problem?.code).toBe('credentials.keychain-locked');
      expect(await handlers['credentials.cancelPrompt']({}, context)).toEqual({ cancelled: false });
    }, 30_000);
  });

  describe('with its defaults: every new client asks for access', () => {
    let bus: LabSessionBus;
    let keepassxc: LabKeePassXc;
    let writer: ReturnType<typeof storeOn>;
    let reader: ReturnType<typeof storeOn>;
    const secret = `calendar-${randomUUID()}`;

    beforeAll(async () => {
      bus = await startSessionBus();
      keepassxc = await startKeePassXc(bus, { confirmAccess: true, confirmDelete: true });
      writer = storeOn(bus);
      // Another connection is another client to KeePassXC, as Scrivania is after a restart.
      reader = storeOn(bus);
      await writer.store.set('calendar:team', secret);
      await keepassxc.entriesOnceSaved((entries) => ofScrivania(entries, 'calendar:team').length === 1);
    }, 60_000);

    afterAll(async () => {
      await writer?.store.dispose();
      await reader?.store.dispose();
      await keepassxc?.stop();
      await bus?.stop();
    });

    it('checks availability without asking the person or writing anything', async () => {
      const before = await keepassxc.entries();
      expect(await reader.store.availability()).toEqual({ available: true, keepsDeleted: true });
      expect(reader.prompts).toEqual([]);
      expect(await keepassxc.entries()).toEqual(before);
      expect((await keepassxc.windows()).filter((title) => title.includes('Access Request'))).toEqual([]);
    });

    it('a read that opens the Access Request waits for the answer, then works', async () => {
      const read = reader.store.get('calendar:team');
      await waitFor(() => reader.prompts.includes('access'), 'the access prompt');
      await new Promise((resolve) => setTimeout(resolve, 3_500));
      await keepassxc.answerWindow('Access Request', 'Return');
      expect(await read).toBe(secret);
      expect(reader.prompts.at(-1)).toBeNull();
    }, 30_000);

    it('a denied Access Request fails as "refused", with its next step in the contract', async () => {
      const other = storeOn(bus);
      try {
        const handlers = credentialsRequestHandlers(other.credentials, other.store);
        const answer = failureOf(Promise.resolve(handlers['credentials.forPurpose']({ purpose: 'calendar.fetch:team' }, context)));
        await waitFor(() => other.prompts.includes('access'), 'the access prompt');
        await keepassxc.answerWindow('Access Request', 'Escape');
        expect(await answer).toBeInstanceOf(ContractError);
        expect(((await answer) as ContractError).problem?.code).toBe('credentials.keychain-refused');
      } finally {
        await other.store.dispose();
      }
    }, 30_000);

    it('gives up on an Access Request nobody answers only after its own, long time limit', async () => {
      const { log } = memoryLog();
      const patient = new KeychainSecretStore({ log, env: bus.env, callTimeoutMs: 1_000, promptTimeoutMs: 2_500 });
      try {
        const started = Date.now();
        const error = await failureOf(patient.get('calendar:team'));
        expect(Date.now() - started).toBeGreaterThanOrEqual(2_500);
        expect(error).toBeInstanceOf(KeychainRefusedError);
        expect((error as Error).message).toContain('the access request got no answer within 2.5 s');
      } finally {
        await patient.dispose();
      }
    }, 30_000);

    it('an Access Request cancelled in Scrivania fails as "refused" at once', async () => {
      const other = storeOn(bus);
      try {
        const read = failureOf(other.store.get('calendar:team'));
        await waitFor(() => other.prompts.includes('access'), 'the access prompt');
        const cancelled = Date.now();
        expect(other.store.cancelPrompts()).toBe(true);
        expect(await read).toBeInstanceOf(KeychainRefusedError);
        expect(Date.now() - cancelled).toBeLessThan(1_000);
        expect(other.prompts.at(-1)).toBeNull();
      } finally {
        await other.store.dispose();
      }
    }, 30_000);
  });
});
