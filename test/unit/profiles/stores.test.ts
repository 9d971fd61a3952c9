import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../../main/services/storage/atomic-file';
import type { LockMap } from '../../../common/profiles/locks';
import { ProfileStore } from '../../../main/services/profiles/profile-store';
import { UserSettingsStore } from '../../../main/services/profiles/user-settings-store';
import { withTempDir } from './fixtures';

let dir: string;
let remove: () => Promise<void>;
beforeEach(async () => ({ dir, remove } = await withTempDir()));
afterEach(() => remove());

describe('atomic writes', () => {
  it('replaces the file, owner-only, and leaves no temp file behind', async () => {
    const file = join(dir, 'data', 'settings.json');
    await writeFileAtomic(file, 'first');
    await Promise.all(Array.from({ length: 20 }, (_, index) => writeFileAtomic(file, `write ${index}`)));
    expect(await readFile(file, 'utf8')).toMatch(/^write \d+$/);
    expect(await readdir(join(dir, 'data'))).toEqual(['settings.json']);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
  });

  it('removes its temp file when the rename fails', async () => {
    const target = join(dir, 'target');
    await writeFileAtomic(join(target, 'inside'), 'x');
    await expect(writeFileAtomic(target, 'cannot replace a directory')).rejects.toThrow();
    expect((await readdir(dir)).sort()).toEqual(['target']);
  });
});

describe('ProfileStore', () => {
  it('stores the signed bytes verbatim and the metadata, and reads them back', async () => {
    const store = new ProfileStore(dir);
    const bytes = new TextEncoder().encode('{"profile":{},"signature":{}}\n');
    await store.saveProfile(
      bytes,
      {
        source: 'url',
        url: 'https://config.example/p.json',
        etag: '"v1"',
        activeSerial: 3,
        activeDigest: 'ab',
      },
      new Date('2026-06-01T08:00:00Z'),
    );
    const loaded = await new ProfileStore(dir).load();
    expect(loaded.problems).toEqual([]);
    expect(loaded.kept).toMatchObject({
      keptAt: '2026-06-01T08:00:00.000Z',
      serial: 3,
      digest: 'ab',
      source: 'url',
      url: 'https://config.example/p.json',
    });
    expect(Buffer.from(loaded.bytes ?? []).toString()).toBe('{"profile":{},"signature":{}}\n');
    expect(loaded.meta).toEqual({ source: 'url', url: 'https://config.example/p.json', etag: '"v1"', activeSerial: 3, activeDigest: 'ab' });
    expect((await readdir(dir)).sort()).toEqual(['profile.last-good.json', 'profile.meta.json', 'profile.signed.json']);
  });

  it('reads nothing and reports nothing in an empty directory', async () => {
    expect(await new ProfileStore(join(dir, 'missing')).load()).toEqual({ meta: {}, problems: [] });
  });

  it('reports corrupt metadata in one line and treats it as absent', async () => {
    await writeFile(join(dir, 'profile.meta.json'), '{"source": "url", "etag": ');
    const loaded = await new ProfileStore(dir).load();
    expect(loaded.meta).toEqual({});
    expect(loaded.problems).toHaveLength(1);
    expect(loaded.problems[0]).toMatch(/^profile\.meta\.json is corrupt and was ignored: /);
    expect(loaded.problems[0]).not.toContain('\n');

    await writeFile(join(dir, 'profile.meta.json'), '{"source": "carrier pigeon"}');
    expect((await new ProfileStore(dir).load()).problems[0]).toMatch(/^profile\.meta\.json is corrupt and was ignored: source: /);
  });

  it('is not confused by a temp file a crash left behind, and clears it', async () => {
    const store = new ProfileStore(dir);
    await store.saveMeta({ source: 'file', activeSerial: 2 });
    // A crash between writing the temp file and renaming it: half-written content under a temp name.
    await writeFile(join(dir, '.profile.meta.json.1a2b3c4d5e6f.tmp'), '{"source": "fi');
    const loaded = await store.load();
    expect(loaded).toEqual({ meta: { source: 'file', activeSerial: 2 }, problems: [] });
    expect(await readdir(dir)).toEqual(['profile.meta.json']);
  });
});

describe('UserSettingsStore', () => {
  const locks: LockMap = { '/phone/server': { by: 'profile', organization: 'Comune di Prato' }, '/vpn': { by: 'policy' } };

  it('persists values and user fields atomically and reads them back', async () => {
    const store = new UserSettingsStore(dir, () => ({}));
    expect(await store.setValue('/phone/extension', '204')).toEqual({ ok: true });
    expect(await store.setValue('/meetings/notifyMinutes', 10)).toEqual({ ok: true });
    expect(await store.setField('login', 'mrossi')).toEqual({ ok: true });
    const reopened = new UserSettingsStore(dir, () => ({}));
    expect(await reopened.load()).toEqual([]);
    expect(reopened.userValues()).toEqual({ '/phone/extension': '204', '/meetings/notifyMinutes': 10 });
    expect(reopened.userFields()).toEqual({ login: 'mrossi' });
    expect(await readdir(dir)).toEqual(['user-settings.json', 'user-settings.last-good.json']);
  });

  it('refuses a locked pointer, its children and its parents, saying who locked it', async () => {
    const store = new UserSettingsStore(dir, () => locks);
    expect(await store.setValue('/phone/server', 'wss://elsewhere.example/ws')).toEqual({
      ok: false,
      locked: true,
      reason: '/phone/server is locked by the configuration profile of Comune di Prato',
    });
    expect(await store.setValue('/vpn/gateway', '10.0.0.1')).toEqual({
      ok: false,
      locked: true,
      reason: "/vpn/gateway cannot change: /vpn is locked by the administrator's OS policy",
    });
    expect(await store.setValue('/phone', {})).toMatchObject({ ok: false, locked: true });
    expect(await store.setValue('/phone/extension', '204')).toEqual({ ok: true });
    expect(store.userValues()).toEqual({ '/phone/extension': '204' });
  });

  it('refuses reserved keys in pointers and drops them from values', async () => {
    const store = new UserSettingsStore(dir, () => ({}));
    expect(await store.setValue('/__proto__/polluted', true)).toEqual({
      ok: false,
      reason: '"/__proto__/polluted" uses the reserved key "__proto__"',
    });
    expect(await store.setValue('/phone', JSON.parse('{"__proto__": {"polluted": true}, "extension": "204"}'))).toEqual({ ok: true });
    expect(store.userValues()).toEqual({ '/phone': { extension: '204' } });
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('replaces values below a pointer it sets, and removes a pointer and its children with undefined', async () => {
    const store = new UserSettingsStore(dir, () => ({}));
    await store.setValue('/phone/extension', '204');
    await store.setValue('/phone/displayName', 'Mario');
    await store.setValue('/meetings/notifyMinutes', 10);
    await store.setValue('/phone', { domain: 'pbx.example' });
    expect(store.userValues()).toEqual({ '/meetings/notifyMinutes': 10, '/phone': { domain: 'pbx.example' } });
    await store.setValue('/phone', undefined);
    expect(store.userValues()).toEqual({ '/meetings/notifyMinutes': 10 });
  });

  it('lets a check refuse a change before anything is written', async () => {
    const store = new UserSettingsStore(dir, () => ({}));
    const result = await store.setValue('/phone/server', 'http://x', (next) =>
      next['/phone/server'] === 'http://x' ? 'config.phone.server: expected a ws:// or wss:// URL' : undefined,
    );
    expect(result).toEqual({ ok: false, reason: 'config.phone.server: expected a ws:// or wss:// URL' });
    expect(await readdir(dir)).toEqual([]);
  });

  it('reports a corrupt settings file in one line and starts empty', async () => {
    await writeFile(join(dir, 'user-settings.json'), '\u0000\u0001garbage');
    const store = new UserSettingsStore(dir, () => ({}));
    const problems = await store.load();
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^user-settings\.json is corrupt and was ignored: /);
    expect(store.userValues()).toEqual({});
    expect(await store.setValue('/phone/extension', '204')).toEqual({ ok: true });
  });
});
