import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { DiagnosticsBundler } from '../../../main/services/help/diagnostics/diagnostics-bundler';
import { Refusal } from '../../../main/services/refusal';
import { NOW } from '../profiles/fixtures';
import { everySecretForm, sampleReport, seededBundleEntries, seededDataFolder } from './diagnostics-fixture';

const appInfo = () => ({
  version: '1.2.3',
  host: 'electron',
  versions: { node: process.versions.node, electron: '45.0.0', chrome: '142.0.0.0' },
});

const bundlerFor = (
  folder: Awaited<ReturnType<typeof seededDataFolder>>,
  extra: Partial<ConstructorParameters<typeof DiagnosticsBundler>[0]> = {},
) =>
  new DiagnosticsBundler({
    logDir: folder.logDir,
    outDir: join(folder.dataDir, 'diagnostics'),
    info: appInfo,
    profiles: folder.profiles,
    lastSelfTest: () => sampleReport,
    clock: () => NOW,
    ...extra,
  });

const text = (entries: Record<string, Uint8Array>, name: string): string => strFromU8(entries[name] ?? new Uint8Array());
const json = (entries: Record<string, Uint8Array>, name: string): Record<string, unknown> =>
  JSON.parse(text(entries, name)) as Record<string, unknown>;

describe('the diagnostics bundle', () => {
  it('holds the logs, self-test, versions, profile and configuration, and none of their secrets', async () => {
    const folder = await seededDataFolder();
    // What the running app reports, with a secret where a careless service might have put one.
    const liveStatus = () => ({
      app: { level: 'warning' },
      vpn: {
        state: 'degraded',
        probes: [{ kind: 'tcp', target: 'pc-mrossi.comune.prato.example:3389', ok: false }],
        password: 'live-status-secret',
      },
    });
    const info = await bundlerFor(folder, { liveStatus }).create();

    expect(info.fileName).toBe('scrivania-diagnostics-20260601-000000Z.zip');
    expect(info.path).toBe(join(folder.dataDir, 'diagnostics', info.fileName));
    expect(readdirSync(join(folder.dataDir, 'diagnostics'))).toEqual([info.fileName]);
    const bytes = readFileSync(info.path);
    expect(info.bytes).toBe(bytes.byteLength);
    const entries = unzipSync(new Uint8Array(bytes));
    expect(Object.keys(entries).sort()).toEqual(seededBundleEntries);
    expect([...info.entries].sort()).toEqual(Object.keys(entries).sort());

    expect(json(entries, 'versions.json')).toMatchObject({
      app: { name: 'Scrivania', version: '1.2.3', host: 'electron' },
      electron: '45.0.0',
      chrome: '142.0.0.0',
      node: process.versions.node,
      os: { platform: process.platform, arch: process.arch },
    });
    expect(json(entries, 'profile.json')).toEqual({
      active: true,
      id: 'comune-prato-smartworking',
      serial: 1,
      issuer: { organization: 'Comune di Prato', keyId: folder.keys.keyId },
      issuedAt: '2026-01-01T00:00:00Z',
      expiresAt: '2027-01-01T00:00:00Z',
      source: 'file',
      lastCheck: expect.objectContaining({ result: 'applied' }),
    });
    expect(json(entries, 'self-test.json')).toEqual(sampleReport);

    const configuration = json(entries, 'configuration.json') as {
      config: Record<string, unknown>;
      locks: Record<string, unknown>;
      problems: string[];
      userFields: unknown[];
    };
    expect(Object.keys(configuration.config).sort()).toEqual([
      'calendars',
      'helpdesk',
      'links',
      'meetings',
      'officePc',
      'phone',
      'updates',
      'vpn',
    ]);
    expect(configuration.config['officePc']).toEqual({ host: 'pc-mrossi.comune.prato.example' });
    expect(configuration.config['phone']).toMatchObject({
      extension: '4021',
      iceServers: [{ urls: 'turn:turn.comune.prato.example:3478', username: 'scrivania', credential: '[redacted]' }],
    });
    expect(configuration.config['calendars']).toEqual([
      { id: 'work', name: 'Lavoro', url: 'https://cal.comune.prato.example/[redacted]?t=[redacted]' },
    ]);
    expect(configuration.config['updates']).toEqual({ url: 'https://[redacted]@updates.comune.prato.example/scrivania/' });
    expect(configuration.locks).toEqual({
      '/phone/server': { by: 'profile', organization: 'Comune di Prato' },
      '/phone/domain': { by: 'profile', organization: 'Comune di Prato' },
    });
    expect(configuration.problems).toEqual([]);

    expect(json(entries, 'status.json')).toEqual({
      app: { level: 'warning' },
      vpn: {
        state: 'degraded',
        probes: [{ kind: 'tcp', target: 'pc-mrossi.comune.prato.example:3389', ok: false }],
        password: '[redacted]',
      },
    });

    const log = text(entries, 'logs/scrivania.log');
    expect(log).toContain('"message":"an ordinary line the help desk needs"');
    expect(log).toContain('"component":"scrivania.phone"');
    expect(log).toContain('registration failed with [redacted]');
    expect(text(entries, 'logs/scrivania.1.log')).toContain('older line with [redacted]');

    const readme = text(entries, 'README.txt');
    expect(readme).toContain('ENGLISH');
    expect(readme).toContain('ITALIANO');
    expect(readme).toContain('logs/scrivania.1.log');

    const everything = Buffer.concat(Object.values(entries).map((entry) => Buffer.from(entry)));
    expect(everySecretForm().filter((form) => everything.includes(form))).toEqual([]);
    expect(everything.includes('PRIVATE KEY-----')).toBe(false);
    expect(Object.keys(entries).filter((name) => /\.(wav|opus|ogg|mp3|webm|pcm)$/i.test(name))).toEqual([]);
  });

  it('says so when no self-test ran and no profile is active', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'scrivania-diagnostics-empty-'));
    const { ProfileService } = await import('../../../main/services/profiles/profile-service');
    const profiles = new ProfileService({ dataDir });
    await profiles.load();
    const bundler = new DiagnosticsBundler({
      logDir: join(dataDir, 'logs'),
      outDir: join(dataDir, 'diagnostics'),
      info: appInfo,
      profiles,
      lastSelfTest: () => null,
      clock: () => NOW,
    });
    const entries = unzipSync(new Uint8Array(readFileSync((await bundler.create()).path)));
    expect(Object.keys(entries).sort()).toEqual([
      'README.txt',
      'configuration.json',
      'profile.json',
      'self-test.json',
      'status.json',
      'versions.json',
    ]);
    expect(json(entries, 'self-test.json')).toEqual({ note: 'No self-test ("Check my setup") has run yet.' });
    expect(json(entries, 'profile.json')).toEqual({ active: false, note: 'No configuration profile is active.' });
  });

  it('keeps the newest logs within its size cap and names the ones it left out', async () => {
    const folder = await seededDataFolder();
    const current = readFileSync(join(folder.logDir, 'scrivania.log'));
    writeFileSync(join(folder.logDir, 'scrivania.2.log'), 'x'.repeat(64));
    const { data, entries } = await bundlerFor(folder, { maxLogBytes: current.byteLength + 10 }).build(NOW.toISOString());
    expect(entries.filter((name) => name.startsWith('logs/'))).toEqual(['logs/scrivania.log']);
    expect(strFromU8(unzipSync(data)['README.txt']!)).toContain(
      'Older logs left out to keep the bundle small: scrivania.1.log, scrivania.2.log',
    );
  });

  it('shows a bundle in the folder only where the host can, and only a bundle', async () => {
    const folder = await seededDataFolder();
    const shown: string[] = [];
    const web = bundlerFor(folder);
    const electron = bundlerFor(folder, { showItemInFolder: (path) => shown.push(path) });
    const info = await electron.create();
    expect(await web.reveal(info.fileName)).toBe(false);
    expect(await electron.reveal(info.fileName)).toBe(true);
    expect(shown).toEqual([info.path]);
    await expect(electron.reveal('../profile.json')).rejects.toMatchObject({
      message: '"../profile.json" is not the name of a diagnostics bundle',
      problem: { code: 'help.bundle-name' },
    });
    await expect(electron.reveal('scrivania-diagnostics-20200101-000000Z.zip')).rejects.toThrow(
      /^no diagnostics bundle scrivania-diagnostics-20200101-000000Z\.zip: it is not in \S+diagnostics$/,
    );
    await expect(electron.read('scrivania.log')).rejects.toThrow(Refusal);
    expect(Buffer.from(await electron.read(info.fileName)).equals(readFileSync(info.path))).toBe(true);
  });

  it('says in one line where it could not write', async () => {
    const folder = await seededDataFolder();
    const blocked = join(folder.dataDir, 'blocked');
    writeFileSync(blocked, '');
    await expect(bundlerFor(folder, { outDir: join(blocked, 'diagnostics') }).create()).rejects.toThrow(
      /^the diagnostics bundle could not be written to \S+blocked\/diagnostics: .*(EEXIST|ENOTDIR)[^\n]*$/,
    );
  });
});
