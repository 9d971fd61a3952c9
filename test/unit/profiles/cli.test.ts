import { spawnSync } from 'node:child_process';
import { readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { buildCliForTest } from '../../support/cli-build';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleProfile, withTempDir } from './fixtures';

/**
 * The real CLI, bundled from main/cli/bin.ts the way scripts/build.js bundles it, and run as a child process.
 * The bundle goes under node_modules/.cache so its external packages (zod, ws) resolve from the project.
 */
let cli: string;
let buildDir: string;
let work: string;
let removeWork: () => Promise<void>;

beforeAll(async () => {
  ({ dir: buildDir, cli } = await buildCliForTest('scrivania-cli-test-'));
  ({ dir: work, remove: removeWork } = await withTempDir());
});

afterAll(async () => {
  await rm(buildDir, { recursive: true, force: true });
  await removeWork();
});

const run = (...args: string[]): { code: number | null; stdout: string; stderr: string } => {
  const result = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', timeout: 15_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
};

const writeJson = async (name: string, value: unknown): Promise<string> => {
  const file = join(work, name);
  await writeFile(file, JSON.stringify(value, null, 2));
  return file;
};

const keyPair = async (name: string): Promise<{ privateKey: string; publicKey: string; keyId: string; stdout: string }> => {
  const out = join(work, name);
  const result = run('profile', 'keygen', '--out', out);
  expect(result.code).toBe(0);
  const keyId = /keyId\s+([0-9a-f]{16})/.exec(result.stdout)?.[1] ?? '';
  return {
    privateKey: join(out, `profile-signing-${keyId}.key.pem`),
    publicKey: join(out, `profile-signing-${keyId}.pub.pem`),
    keyId,
    stdout: result.stdout,
  };
};

describe('scrivania profile', () => {
  it('keygen writes an owner-only private key and a public key, and never prints the private key', async () => {
    const keys = await keyPair('keys');
    expect(keys.keyId).toMatch(/^[0-9a-f]{16}$/);
    expect((await stat(keys.privateKey)).mode & 0o777).toBe(0o600);
    expect(await readFile(keys.privateKey, 'utf8')).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    expect(await readFile(keys.publicKey, 'utf8')).toMatch(/^-----BEGIN PUBLIC KEY-----/);
    expect(keys.stdout).not.toContain('PRIVATE KEY');
    const secret = (await readFile(keys.privateKey, 'utf8')).split('\n')[1] ?? 'unreachable';
    expect(keys.stdout).not.toContain(secret);
    expect((await readdir(join(work, 'keys'))).sort()).toEqual([
      `profile-signing-${keys.keyId}.key.pem`,
      `profile-signing-${keys.keyId}.pub.pem`,
    ]);
  });

  it('signs, verifies and shows a profile; refuses an unknown key and a tampered file', async () => {
    const keys = await keyPair('signer');
    const stranger = await keyPair('stranger');
    const profile = await writeJson('profile.json', sampleProfile({ serial: 3 }));
    const signed = join(work, 'signed.json');

    const signing = run('profile', 'sign', '--key', keys.privateKey, '--in', profile, '--out', signed);
    expect(signing).toMatchObject({
      code: 0,
      stdout: `signed profile comune-prato-smartworking serial 3 with key ${keys.keyId} into ${signed}\n`,
    });
    expect(JSON.parse(await readFile(signed, 'utf8'))).toMatchObject({
      signature: { keyId: keys.keyId, alg: 'Ed25519' },
      profile: { serial: 3 },
    });

    const verified = run('profile', 'verify', '--trust', stranger.publicKey, '--trust', keys.publicKey, signed);
    expect(verified).toMatchObject({
      code: 0,
      stdout: `valid: Comune di Prato profile comune-prato-smartworking serial 3, signed by key ${keys.keyId}, expires 2027-01-01T00:00:00Z\n`,
    });

    const unknown = run('profile', 'verify', '--trust', stranger.publicKey, signed);
    expect(unknown).toMatchObject({ code: 1, stderr: `invalid: signed with unknown key ${keys.keyId}: not one of the 1 trusted keys\n` });

    const tampered = await writeJson('tampered.json', {
      ...JSON.parse(await readFile(signed, 'utf8')),
      profile: { ...sampleProfile({ serial: 3 }), enforced: [] },
    });
    expect(run('profile', 'verify', '--trust', keys.publicKey, tampered)).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/^invalid: bad signature: /),
    });

    const shown = run('profile', 'show', signed, '--trust', keys.publicKey);
    expect(shown.code).toBe(0);
    const effective = JSON.parse(shown.stdout);
    expect(effective.config.phone.server).toBe('wss://pbx.comune.prato.example:8089/ws');
    expect(effective.locks).toEqual({
      '/phone/server': { by: 'profile', organization: 'Comune di Prato' },
      '/phone/domain': { by: 'profile', organization: 'Comune di Prato' },
    });
    expect(effective.missingUserFields).toEqual(['extension', 'login']);

    const unchecked = run('profile', 'show', signed);
    expect(unchecked).toMatchObject({ code: 0, stderr: 'warning: signature not checked; pass --trust PUB to verify it\n' });
    expect(run('profile', 'show', tampered, '--trust', keys.publicKey).code).toBe(1);
  });

  it('refuses to sign an invalid profile, printing the errors', async () => {
    const keys = await keyPair('signer-2');
    const bad = await writeJson('bad.json', sampleProfile({ phone: { server: 'https://pbx.example' } }));
    const result = run('profile', 'sign', '--key', keys.privateKey, '--in', bad, '--out', join(work, 'never.json'));
    expect(result).toMatchObject({ code: 1, stderr: 'error: profile.phone.server: expected a ws:// or wss:// URL\n' });
    await expect(stat(join(work, 'never.json'))).rejects.toThrow();
  });

  it('lints: 0 with warnings only, 1 with errors', async () => {
    const good = await writeJson('lint-good.json', sampleProfile());
    expect(run('profile', 'lint', good)).toMatchObject({ code: 0, stdout: '0 errors, 0 warnings\n', stderr: '' });

    const warned = await writeJson(
      'lint-warn.json',
      sampleProfile({ expiresAt: '2020-01-01T00:00:00Z', issuedAt: '2019-01-01T00:00:00Z', enforced: ['/vpn/gateway'] }),
    );
    const warnings = run('profile', 'lint', warned);
    expect(warnings.code).toBe(0);
    expect(warnings.stderr).toBe(
      'warning: profile.expiresAt: expired on 2020-01-01T00:00:00Z\n' +
        'warning: profile.enforced[0]: /vpn/gateway points at nothing in this profile, so it locks the built-in default\n',
    );

    const broken = await writeJson('lint-bad.json', sampleProfile({ serial: 'three', links: [{ title: 'x', url: 'ftp://x' }] }));
    expect(run('profile', 'lint', broken)).toMatchObject({
      code: 1,
      stdout: '2 errors, 0 warnings\n',
      stderr: 'error: profile.serial: expected number, received string\nerror: profile.links[0].url: expected an http:// or https:// URL\n',
    });

    await writeFile(join(work, 'not-json.json'), 'schemaVersion: 1');
    expect(run('profile', 'lint', join(work, 'not-json.json'))).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/^scrivania profile: .*not-json\.json is not JSON: /),
    });
    expect(run('profile', 'lint', join(work, 'missing.json'))).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/^scrivania profile: cannot read file .*missing\.json: ENOENT/),
    });
  });

  it('exits 2 with a one-line error and the usage for wrong or missing flags', () => {
    const cases: [string[], string][] = [
      [['profile'], 'scrivania profile: missing command'],
      [['profile', 'bogus'], 'scrivania profile: unknown profile command "bogus"'],
      [['profile', 'keygen'], 'scrivania profile: missing --out DIR'],
      [['profile', 'sign', '--key', 'k.pem', '--in', 'p.json'], 'scrivania profile: missing --out SIGNED.json'],
      [['profile', 'verify', 'signed.json'], 'scrivania profile: missing --trust PUB'],
      [['profile', 'verify', '--trust', 'a.pem'], 'scrivania profile: expected one file, got 0'],
      [['profile', 'lint', 'a.json', 'b.json'], 'scrivania profile: expected one file, got 2'],
      [['profile', 'lint', '--fix', 'a.json'], "scrivania profile: Unknown option '--fix'"],
    ];
    for (const [args, message] of cases) {
      const result = run(...args);
      expect(result.code, args.join(' ')).toBe(2);
      const [first, ...rest] = result.stderr.split('\n');
      expect(first?.startsWith(message), result.stderr).toBe(true);
      expect(rest.join('\n')).toContain('Usage: scrivania profile <command> [options]');
    }
    expect(run('profile', 'help')).toMatchObject({ code: 0, stdout: expect.stringContaining('keygen --out DIR') });
    expect(run('help').stdout).toContain('profile <command>');
  });
});
