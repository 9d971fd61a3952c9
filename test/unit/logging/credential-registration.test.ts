import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CredentialService } from '../../../main/services/credentials/credential-service';
import { KeychainSecretStore } from '../../../main/services/credentials/keychain-secret-store';
import { memoryLog } from '../../support/memory-log';
import { missingPeer, startSecretService } from '../../lab/secret-service';

const missing = process.platform === 'linux' ? missingPeer('secret-service') : 'the Secret Service lab runs on Linux only';

const loggedBare = (secret: string): string => {
  const { log, records } = memoryLog();
  log.info(`the password is ${secret}`, { detail: [secret] });
  return JSON.stringify(records);
};

describe.skipIf(missing !== undefined)(
  `the keychain's secrets are registered with the logger${missing ? ` (skipped: ${missing})` : ''}`,
  () => {
    let keychain: Awaited<ReturnType<typeof startSecretService>>;
    let store: KeychainSecretStore;
    const previousEnv = new Map<string, string | undefined>();

    beforeAll(async () => {
      keychain = await startSecretService();
      // Before the first keychain call of this process: libdbus reads the bus address once and keeps it.
      for (const [name, value] of Object.entries(keychain.env)) {
        previousEnv.set(name, process.env[name]);
        process.env[name] = value;
      }
      store = new KeychainSecretStore({ log: memoryLog().log, probeTimeoutMs: 1_500, callTimeoutMs: 5_000 });
    });

    afterAll(async () => {
      store?.dispose();
      await keychain?.stop();
      for (const [name, value] of previousEnv) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    });

    it('when one is saved, and when one saved earlier is read back', async () => {
      const saved = `saved-${randomUUID()}`;
      const earlier = `earlier-${randomUUID()}`;
      await new CredentialService(store, memoryLog().log).save('phone', saved);
      expect(loggedBare(saved)).not.toContain(saved);

      await store.set('office-pc', earlier);
      expect(loggedBare(earlier)).toContain(earlier);
      expect(await new CredentialService(store, memoryLog().log).secretFor('officePc.connect')).toEqual({ secret: earlier });
      expect(loggedBare(earlier)).not.toContain(earlier);
      await store.delete('phone');
      await store.delete('office-pc');
    });
  },
);
