import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AudioDeviceFindings } from '../../../common/contract/help';
import { CredentialService } from '../../../main/services/credentials/credential-service';
import { KeychainSecretStore } from '../../../main/services/credentials/keychain-secret-store';
import { microphoneCheck, speakerCheck } from '../../../main/services/help/self-test/checks/audio-checks';
import { runChecks } from '../../../main/services/help/self-test/run-checks';
import { keygen, sign } from '../../../main/services/profiles/profile-signer';
import { currentProfile } from '../profiles/fixtures';
import { ProfileService } from '../../../main/services/profiles/profile-service';
import { memoryLog } from '../../support/memory-log';

const { log } = memoryLog();
const store = new KeychainSecretStore({ log, probeTimeoutMs: 300 });
let dir: string;
let withPhone: ProfileService;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'scrivania-self-test-audio-'));
  const keys = keygen();
  const profile = sign(
    currentProfile({ id: 'audio', serial: 1, phone: { server: 'ws://127.0.0.1:9/ws', domain: '127.0.0.1', extension: '2001' } }),
    keys.privateKeyPem,
  );
  withPhone = new ProfileService({ dataDir: dir, trustedKeys: [keys.publicKeyPem] });
  expect((await withPhone.importBytes(new TextEncoder().encode(JSON.stringify(profile)))).ok).toBe(true);
});
afterAll(async () => {
  store.dispose();
  await rm(dir, { recursive: true, force: true });
});

/** The two audio checks, as the window's findings make them. */
const audioChecks = async (audio?: AudioDeviceFindings, profiles = withPhone) => {
  const report = await runChecks(
    [microphoneCheck, speakerCheck],
    {
      effective: profiles.effective(),
      profile: profiles.active(),
      profilesState: profiles.state(),
      credentials: new CredentialService(store, log),
      dataDir: dir,
      log,
      now: () => new Date(),
      ...(audio ? { audio } : {}),
    },
    { now: () => new Date(), overallTimeoutMs: 5_000 },
  );
  return report.checks.map((check) => [check.id, check.outcome, check.meaning.key]);
};

describe('the microphone and speaker checks', () => {
  it('pass when the window found both and may use the microphone', async () => {
    expect(await audioChecks({ microphones: 2, speakers: 1, microphonePermission: 'granted' })).toEqual([
      ['microphone', 'pass', 'help.selfTest.microphone.ok.meaning'],
      ['speaker', 'pass', 'help.selfTest.speaker.ok.meaning'],
    ]);
  });

  it('fail when there is no device, or when the microphone is denied', async () => {
    expect(await audioChecks({ microphones: 0, speakers: 0, microphonePermission: 'prompt' })).toEqual([
      ['microphone', 'fail', 'help.selfTest.microphone.none.meaning'],
      ['speaker', 'fail', 'help.selfTest.speaker.none.meaning'],
    ]);
    expect((await audioChecks({ microphones: 1, speakers: 1, microphonePermission: 'denied' }))[0]).toEqual([
      'microphone',
      'fail',
      'help.selfTest.microphone.denied.meaning',
    ]);
  });

  it('are skipped with why when no window sent its findings (the CLI)', async () => {
    expect(await audioChecks()).toEqual([
      ['microphone', 'skipped', 'help.selfTest.microphone.noWindow.meaning'],
      ['speaker', 'skipped', 'help.selfTest.speaker.noWindow.meaning'],
    ]);
  });

  it('are not part of the setup without a phone', async () => {
    const none = new ProfileService({ dataDir: join(dir, 'none') });
    await none.load();
    expect(
      (await audioChecks({ microphones: 0, speakers: 0, microphonePermission: 'denied' }, none)).map(([, outcome]) => outcome),
    ).toEqual(['skipped', 'skipped']);
  });
});
