import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseRegQueryOutput, readOsPolicy, registryValueData, type CommandRunner } from '../../../main/services/profiles/policy-sources';
import { keygen, withTempDir } from './fixtures';

const keys = keygen();
const otherKeys = keygen();

/** As `reg query HKLM\SOFTWARE\Policies\Scrivania /s` prints it on Windows 11 (CRLF, four-space columns). */
const hklmOutput = [
  '',
  'HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Scrivania',
  '    ProfileUrl    REG_SZ    https://config.comune.prato.example/scrivania/profile.json?token=s3cret',
  `    TrustedKeys    REG_MULTI_SZ    ${keys.publicKeyBase64}\\0${otherKeys.publicKeyBase64}`,
  '    Note for admins    REG_SZ    ',
  '',
  'HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Scrivania\\Forced',
  '    /phone/server    REG_SZ    wss://pbx.comune.prato.example:8089/ws',
  '    /meetings/notifyMinutes    REG_DWORD    0xa',
  '    /meetings/providers    REG_MULTI_SZ    teams\\0jitsi',
  '',
  'HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Scrivania\\ForcedJson',
  '    /meetings/openInBrowser    REG_SZ    true',
  '    /phone/iceServers    REG_SZ    [{"urls":"turn:turn.comune.prato.example:3478","username":"u","credential":"c"}]',
  '',
].join('\r\n');

const hkcuOutput = [
  '',
  'HKEY_CURRENT_USER\\SOFTWARE\\Policies\\Scrivania',
  '    ProfileUrl    REG_SZ    https://user.example/profile.json',
  '',
  'HKEY_CURRENT_USER\\SOFTWARE\\Policies\\Scrivania\\Forced',
  '    /meetings/notifyMinutes    REG_DWORD    0x1',
  '    /helpdesk/hours    REG_SZ    8-18',
  '',
].join('\r\n');

const notFound = { code: 1, stdout: '', stderr: 'ERROR: The system was unable to find the specified registry key or value.\r\n' };

const registry =
  (outputs: { HKLM?: string; HKCU?: string }): CommandRunner =>
  async (command, args) => {
    expect(command).toBe('reg');
    expect(args[0]).toBe('query');
    expect(args[2]).toBe('/s');
    const hive = (args[1] ?? '').split('\\')[0] as 'HKLM' | 'HKCU';
    const output = outputs[hive];
    return output === undefined ? notFound : { code: 0, stdout: output, stderr: '' };
  };

describe('Windows registry policy', () => {
  it('parses the keys and values of reg query output', () => {
    const keysFound = parseRegQueryOutput(hklmOutput);
    expect(keysFound.map((key) => key.path)).toEqual([
      'HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Scrivania',
      'HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Scrivania\\Forced',
      'HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Scrivania\\ForcedJson',
    ]);
    expect(keysFound[0]?.values).toEqual([
      { name: 'ProfileUrl', type: 'REG_SZ', data: 'https://config.comune.prato.example/scrivania/profile.json?token=s3cret' },
      { name: 'TrustedKeys', type: 'REG_MULTI_SZ', data: `${keys.publicKeyBase64}\\0${otherKeys.publicKeyBase64}` },
      { name: 'Note for admins', type: 'REG_SZ', data: '' },
    ]);
    expect(keysFound[1]?.values.map(registryValueData)).toEqual(['wss://pbx.comune.prato.example:8089/ws', 10, ['teams', 'jitsi']]);
    expect(registryValueData({ name: 'x', type: 'REG_QWORD', data: '0x100000000' })).toBe(4294967296);
    expect(registryValueData({ name: 'x', type: 'REG_BINARY', data: '0102' })).toBeUndefined();
  });

  it('reads HKLM over HKCU: keys from both, the machine URL, the machine value for the same pointer', async () => {
    const result = await readOsPolicy({ platform: 'win32', run: registry({ HKLM: hklmOutput, HKCU: hkcuOutput }) });
    expect(result.problems).toEqual([]);
    expect(result.sources).toEqual(['HKLM\\SOFTWARE\\Policies\\Scrivania', 'HKCU\\SOFTWARE\\Policies\\Scrivania']);
    expect(result.policy.trustedKeys).toEqual([keys.publicKeyBase64, otherKeys.publicKeyBase64]);
    expect(result.policy.profileUrl).toBe('https://config.comune.prato.example/scrivania/profile.json?token=s3cret');
    expect(result.policy.forced).toEqual({
      '/phone/server': 'wss://pbx.comune.prato.example:8089/ws',
      '/meetings/notifyMinutes': 10,
      '/meetings/providers': ['teams', 'jitsi'],
      '/meetings/openInBrowser': true,
      '/phone/iceServers': [{ urls: 'turn:turn.comune.prato.example:3478', username: 'u', credential: 'c' }],
      '/helpdesk/hours': '8-18',
    });
  });

  it('has no policy and no problem when neither key exists', async () => {
    expect(await readOsPolicy({ platform: 'win32', run: registry({}) })).toEqual({
      policy: { trustedKeys: [], forced: {} },
      sources: [],
      problems: [],
    });
  });

  it('ignores an invalid hive in one line and keeps the other', async () => {
    const badJson = hklmOutput.replace(
      '    /meetings/openInBrowser    REG_SZ    true',
      '    /meetings/openInBrowser    REG_SZ    yes please',
    );
    const result = await readOsPolicy({ platform: 'win32', run: registry({ HKLM: badJson, HKCU: hkcuOutput }) });
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]).toMatch(
      /^policy HKLM\\SOFTWARE\\Policies\\Scrivania ignored: HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Scrivania\\ForcedJson\\\/meetings\/openInBrowser: not JSON: /,
    );
    expect(result.policy).toEqual({
      trustedKeys: [],
      profileUrl: 'https://user.example/profile.json',
      forced: { '/meetings/notifyMinutes': 1, '/helpdesk/hours': '8-18' },
    });
  });

  it('refuses a forced pointer outside the configuration and a key that is not a key', async () => {
    const outside = hkcuOutput.replace('/helpdesk/hours', '/serial');
    const result = await readOsPolicy({ platform: 'win32', run: registry({ HKCU: outside }) });
    expect(result.problems).toEqual([
      'policy HKCU\\SOFTWARE\\Policies\\Scrivania ignored: forced./serial: expected a pointer into one of helpdesk, vpn, officePc, phone, calendars, meetings, links, updates',
    ]);
    const badKey = hklmOutput.replace(`${keys.publicKeyBase64}\\0`, 'abc!\\0');
    expect((await readOsPolicy({ platform: 'win32', run: registry({ HKLM: badKey }) })).problems).toEqual([
      'policy HKLM\\SOFTWARE\\Policies\\Scrivania ignored: trustedKeys[0]: expected a PEM or base64 Ed25519 public key',
    ]);
  });

  it('reports a reg command that cannot run, without throwing', async () => {
    const missing: CommandRunner = async () => {
      throw Object.assign(new Error('spawn reg ENOENT'), { code: 'ENOENT' });
    };
    const result = await readOsPolicy({ platform: 'win32', run: missing });
    expect(result.problems).toEqual([
      'policy HKLM\\SOFTWARE\\Policies\\Scrivania ignored: reg query failed: spawn reg ENOENT',
      'policy HKCU\\SOFTWARE\\Policies\\Scrivania ignored: reg query failed: spawn reg ENOENT',
    ]);
    expect(result.policy).toEqual({ trustedKeys: [], forced: {} });
  });
});

/** Written as an administrator would: root-owned in real life, and never writable by others. */
const writePolicy = async (path: string, text: string): Promise<void> => {
  await writeFile(path, text);
  await chmod(path, 0o644);
};

describe('Linux policy file and macOS managed preferences', () => {
  let dir: string;
  let remove: () => Promise<void>;
  beforeEach(async () => ({ dir, remove } = await withTempDir()));
  afterEach(() => remove());

  it('reads /etc/scrivania/policy.json (here a temp path)', async () => {
    const path = join(dir, 'policy.json');
    await writePolicy(
      path,
      JSON.stringify({
        trustedKeys: [keys.publicKeyPem],
        profileUrl: 'https://config.example/p.json',
        forced: { '/phone/domain': 'pbx.example' },
        _comment: 'managed by Ansible',
      }),
    );
    expect(await readOsPolicy({ platform: 'linux', linuxPolicyPath: path })).toEqual({
      policy: { trustedKeys: [keys.publicKeyPem], profileUrl: 'https://config.example/p.json', forced: { '/phone/domain': 'pbx.example' } },
      sources: [path],
      problems: [],
    });
  });

  it('has no policy when the file does not exist', async () => {
    expect(await readOsPolicy({ platform: 'linux', linuxPolicyPath: join(dir, 'none.json') })).toEqual({
      policy: { trustedKeys: [], forced: {} },
      sources: [],
      problems: [],
    });
  });

  it('ignores an invalid file in one line', async () => {
    const path = join(dir, 'policy.json');
    await writePolicy(path, '{ "trustedKeys": [ }');
    const notJson = await readOsPolicy({ platform: 'linux', linuxPolicyPath: path });
    expect(notJson.problems).toHaveLength(1);
    expect(notJson.problems[0]).toMatch(new RegExp(`^policy ${path} ignored: not JSON: `));
    expect(notJson.policy).toEqual({ trustedKeys: [], forced: {} });

    await writePolicy(path, JSON.stringify({ profileUrl: 'file:///etc/passwd' }));
    expect((await readOsPolicy({ platform: 'linux', linuxPolicyPath: path })).problems).toEqual([
      `policy ${path} ignored: profileUrl: expected an http:// or https:// URL`,
    ]);

    // In clear to another machine, anyone on the path could hold newer profiles back until the current one expires.
    await writePolicy(path, JSON.stringify({ profileUrl: 'http://config.comune.example.invalid/p.json' }));
    expect((await readOsPolicy({ platform: 'linux', linuxPolicyPath: path })).problems).toEqual([
      `policy ${path} ignored: profileUrl: expected an https:// URL (plain http only to this machine, 127.0.0.1 or localhost)`,
    ]);
    await writePolicy(path, JSON.stringify({ profileUrl: 'http://127.0.0.1:8080/p.json' }));
    expect((await readOsPolicy({ platform: 'linux', linuxPolicyPath: path })).policy.profileUrl).toBe('http://127.0.0.1:8080/p.json');

    await writePolicy(path, '{}');
    await chmod(path, 0o666);
    expect((await readOsPolicy({ platform: 'linux', linuxPolicyPath: path })).problems).toEqual([
      `policy ${path} ignored: writable by group or others (mode 666); make it 644`,
    ]);
    await chmod(path, 0o644);

    await writePolicy(path, '{"forced": {"/__proto__/polluted": true}}');
    expect((await readOsPolicy({ platform: 'linux', linuxPolicyPath: path })).problems).toEqual([
      `policy ${path} ignored: forced./__proto__/polluted: expected a JSON pointer: "/__proto__/polluted" uses the reserved key "__proto__"`,
    ]);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('reads the managed preferences plist through plutil, machine over user', async () => {
    await mkdir(join(dir, 'mrossi'));
    await writeFile(join(dir, 'it.scrivania.app.plist'), 'binary plist');
    await writeFile(join(dir, 'mrossi', 'it.scrivania.app.plist'), 'binary plist');
    const converted: Record<string, unknown> = {
      [join(dir, 'it.scrivania.app.plist')]: {
        TrustedKeys: [keys.publicKeyBase64],
        Forced: { '/phone/server': 'wss://pbx.example/ws' },
        PayloadUUID: 'x',
      },
      [join(dir, 'mrossi', 'it.scrivania.app.plist')]: {
        ProfileUrl: 'https://user.example/p.json',
        Forced: { '/phone/server': 'wss://user.example/ws' },
      },
    };
    const plutil: CommandRunner = async (command, args) => {
      expect(command).toBe('plutil');
      expect(args.slice(0, 4)).toEqual(['-convert', 'json', '-o', '-']);
      return { code: 0, stdout: JSON.stringify(converted[args[4] ?? '']), stderr: '' };
    };
    const result = await readOsPolicy({ platform: 'darwin', run: plutil, macManagedPreferencesDir: dir, macUserName: 'mrossi' });
    expect(result.problems).toEqual([]);
    expect(result.policy).toEqual({
      trustedKeys: [keys.publicKeyBase64],
      profileUrl: 'https://user.example/p.json',
      forced: { '/phone/server': 'wss://pbx.example/ws' },
    });
  });

  it('reports a plist plutil cannot convert', async () => {
    const file = join(dir, 'it.scrivania.app.plist');
    await writeFile(file, 'binary plist');
    const plutil: CommandRunner = async () => ({
      code: 1,
      stdout: '',
      stderr: `${file}: invalid object in plist for destination format\n`,
    });
    const result = await readOsPolicy({ platform: 'darwin', run: plutil, macManagedPreferencesDir: dir });
    expect(result.problems).toEqual([
      `policy ${file} ignored: plutil could not convert it: ${file}: invalid object in plist for destination format`,
    ]);
  });

  it('has no policy on a Mac without managed preferences', async () => {
    const never: CommandRunner = async () => {
      throw new Error('plutil must not run');
    };
    expect((await readOsPolicy({ platform: 'darwin', run: never, macManagedPreferencesDir: dir })).problems).toEqual([]);
  });
});
