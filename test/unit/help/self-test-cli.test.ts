import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SelfTestReport } from '../../../common/contract/help';
import { runDoctorCommand } from '../../../main/cli/doctor-command';
import { main } from '../../../main/cli/index';
import { LAST_SELF_TEST_FILE } from '../../../main/services/help/self-test/self-test-service';
import { keygen, sign } from '../../../main/services/profiles/profile-signer';
import { currentProfile } from '../profiles/fixtures';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'scrivania-doctor-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const doctor = async (args: string[]) => {
  let out = '';
  let err = '';
  const code = await runDoctorCommand(
    args,
    { out: (text) => (out += text), err: (text) => (err += text) },
    { keychainProbeTimeoutMs: 300 },
  );
  return { code, out, err };
};

/** A profile valid from yesterday for 90 days, with nothing but a help desk: every network check is not configured. */
const signedProfile = async (keys = keygen()): Promise<{ file: string; publicKey: string }> => {
  const profile = currentProfile({ id: 'comune-test-doctor', serial: 3, helpdesk: { phone: '+39 011 0000000' } });
  const file = join(dir, 'signed.json');
  const publicKey = join(dir, 'key.pub.pem');
  await writeFile(file, JSON.stringify(sign(profile, keys.privateKeyPem)));
  await writeFile(publicKey, keys.publicKeyPem);
  return { file, publicKey };
};

describe('scrivania doctor', () => {
  it('exits 1 with no profile in the data folder, one line per check with its mark, and keeps the report there', async () => {
    const { code, out } = await doctor(['--data-dir', dir, '--lang', 'en']);
    expect(code).toBe(1);
    const lines = out.trim().split('\n');
    expect(lines[0]).toBe(
      '✗ Configuration: No configuration from your organisation is installed. Import the profile your help desk gave you (a file or an address) on the Profile page.',
    );
    expect(lines).toContain("– VPN: Not part of your organisation's setup.");
    expect(lines.at(-1)).toMatch(/^Check finished: \d+ to fix(, \d+ to look at)?\.$/);
    expect(SelfTestReport.parse(JSON.parse(await readFile(join(dir, LAST_SELF_TEST_FILE), 'utf8'))).checks[0]?.outcome).toBe('fail');
  });

  it('prints the report as JSON with --json, and in Italian with --lang it', async () => {
    const json = await doctor(['--data-dir', dir, '--json']);
    const report = SelfTestReport.parse(JSON.parse(json.out));
    expect(report.outcome).toBe('fail');
    expect(report.checks.find((check) => check.id === 'microphone')?.outcome).toBe('skipped');
    const italian = await doctor(['--data-dir', dir, '--lang', 'it']);
    expect(italian.out).toContain('✗ Configurazione: Non è installata nessuna configurazione della tua organizzazione.');
  });

  it('verifies and uses a signed profile given with --profile and --trust, without touching the data folder', async () => {
    const { file, publicKey } = await signedProfile();
    const { out } = await doctor(['--profile', file, '--trust', publicKey, '--data-dir', dir, '--json', '--verbose']);
    const report = SelfTestReport.parse(JSON.parse(out));
    expect(report.checks[0]).toMatchObject({
      id: 'profile',
      outcome: 'pass',
      meaning: { key: 'help.selfTest.profile.ok.meaning', params: { organization: 'Comune di Test' } },
    });
    expect(report.checks[0]?.detail).toContain('comune-test-doctor serial 3');
    await expect(readFile(join(dir, LAST_SELF_TEST_FILE))).rejects.toThrow(/ENOENT/);
  });

  it('fails the profile check with the reason when the profile is signed by a key it does not trust', async () => {
    const { file } = await signedProfile();
    const { code, out } = await doctor(['--profile', file, '--data-dir', dir, '--json']);
    expect(code).toBe(1);
    const [profile] = SelfTestReport.parse(JSON.parse(out)).checks;
    expect(profile).toMatchObject({ outcome: 'fail', meaning: { key: 'help.selfTest.profile.none.meaning' } });
    expect(profile?.detail).toMatch(/^last import refused: .*key/);
  });

  it('exits 2 with a one-line reason for wrong usage', async () => {
    expect(await doctor(['--lang', 'de'])).toMatchObject({
      code: 2,
      err: expect.stringMatching(/^scrivania doctor: --lang must be it or en, not "de"\n/) as string,
    });
    expect(await doctor(['--user', 'login=mrossi'])).toMatchObject({
      code: 2,
      err: expect.stringMatching(/^scrivania doctor: --user goes with --profile/) as string,
    });
    expect(await doctor(['--colour'])).toMatchObject({ code: 2, err: expect.stringContaining("Unknown option '--colour'") as string });
    expect(await doctor(['--profile', join(dir, 'missing.json')])).toMatchObject({
      code: 2,
      err: `scrivania doctor: cannot read the profile ${join(dir, 'missing.json')}: ENOENT\n`,
    });
  });

  it('is listed in the usage of scrivania', async () => {
    const written: string[] = [];
    const write = process.stdout.write.bind(process.stdout);
    process.stdout.write = ((text: string) => (written.push(text), true)) as typeof process.stdout.write;
    try {
      expect(await main(['help'])).toBe(0);
    } finally {
      process.stdout.write = write;
    }
    expect(written.join('')).toContain('doctor [--profile SIGNED.json');
  });
});
