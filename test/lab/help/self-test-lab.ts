import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AudioDeviceFindings, SelfTestCheck } from '../../../common/contract/help';
import { CredentialService } from '../../../main/services/credentials/credential-service';
import { KeychainSecretStore } from '../../../main/services/credentials/keychain-secret-store';
import type { SelfTestCheckDefinition } from '../../../main/services/help/self-test/check';
import { runChecks } from '../../../main/services/help/self-test/run-checks';
import type { Logger } from '../../../main/services/logging/logger';
import { keygen, sign } from '../../../main/services/profiles/profile-signer';
import { ProfileService } from '../../../main/services/profiles/profile-service';
import { memoryLog } from '../../support/memory-log';
import { startSessionBus, type LabSessionBus } from '../secret-service';

const DAY_MS = 86_400_000;

export interface LabProfile {
  profiles: ProfileService;
  /** The data folder: the profile, and the office PC's trusted certificates. */
  dir: string;
  publicKeyPem: string;
  /** The signed profile's JSON, for the CLI. */
  signed: string;
  remove(): Promise<void>;
}

/** A profile signed by a key of its own, valid from yesterday for `days`, imported into a fresh data folder. */
export const labProfile = async (
  sections: Record<string, unknown>,
  options: { days?: number; userFields?: unknown[] } = {},
): Promise<LabProfile> => {
  const keys = keygen();
  const profile = {
    schemaVersion: 1,
    id: 'comune-lab-self-test',
    serial: 1,
    issuedAt: new Date(Date.now() - DAY_MS).toISOString(),
    expiresAt: new Date(Date.now() + (options.days ?? 90) * DAY_MS).toISOString(),
    organization: { name: 'Comune del Lab' },
    ...(options.userFields ? { userFields: options.userFields } : {}),
    ...sections,
  };
  const signed = JSON.stringify(sign(profile, keys.privateKeyPem));
  const dir = await mkdtemp(join(tmpdir(), 'scrivania-self-test-lab-'));
  const profiles = new ProfileService({ dataDir: dir, trustedKeys: [keys.publicKeyPem] });
  const imported = await profiles.importBytes(new TextEncoder().encode(signed), 'file');
  if (!imported.ok) throw new Error(`lab profile refused: ${imported.reason}`);
  return { profiles, dir, publicKeyPem: keys.publicKeyPem, signed, remove: () => rm(dir, { recursive: true, force: true }) };
};

export interface CheckParts {
  profiles: ProfileService;
  credentials: CredentialService;
  dataDir: string;
  audio?: AudioDeviceFindings;
  now?: () => Date;
  log?: Logger;
  earlier?: SelfTestCheck[];
}

/** One check as the self-test runs it (its own timeout, its exceptions caught), after the `earlier` ones. */
export const runCheck = async (definition: SelfTestCheckDefinition, parts: CheckParts): Promise<SelfTestCheck> => {
  await parts.profiles.load();
  const replay = (parts.earlier ?? []).map((check): SelfTestCheckDefinition => ({
    id: check.id,
    timeoutMs: 1_000,
    run: async () => check,
  }));
  const report = await runChecks(
    [...replay, definition],
    {
      effective: parts.profiles.effective(),
      profile: parts.profiles.active(),
      profilesState: parts.profiles.state(),
      credentials: parts.credentials,
      dataDir: parts.dataDir,
      log: parts.log ?? memoryLog().log,
      now: parts.now ?? (() => new Date()),
      ...(parts.audio ? { audio: parts.audio } : {}),
    },
    { now: () => new Date(), overallTimeoutMs: 60_000 },
  );
  return report.checks.at(-1) as SelfTestCheck;
};

export interface LabKeychain {
  bus: LabSessionBus;
  store: KeychainSecretStore;
  credentials: CredentialService;
  stop(): Promise<void>;
}

/**
 * A private session bus for this test file's process (libdbus reads its address once, so this comes before any
 * keychain call), with gnome-keyring's Secret Service on it unless `secretService` is false.
 */
export const startLabKeychain = async (options: { secretService: boolean }): Promise<LabKeychain> => {
  const bus = await startSessionBus();
  const previous = new Map<string, string | undefined>();
  for (const [name, value] of Object.entries(bus.env)) {
    previous.set(name, process.env[name]);
    process.env[name] = value;
  }
  if (options.secretService) await bus.startSecretService();
  const { log } = memoryLog();
  const store = new KeychainSecretStore({ log, probeTimeoutMs: 1_500, callTimeoutMs: 5_000 });
  return {
    bus,
    store,
    credentials: new CredentialService(store, log),
    stop: async () => {
      store.dispose();
      await bus.stop();
      for (const [name, value] of previous) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    },
  };
};
