import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultDataDir, readBuiltInTrustedKeys } from '../../../main/host/core/host-paths';

describe('host paths', () => {
  it('keeps data where each OS expects it', () => {
    expect(defaultDataDir('linux', {}, '/home/ada')).toBe('/home/ada/.config/scrivania');
    expect(defaultDataDir('linux', { XDG_CONFIG_HOME: '/xdg' }, '/home/ada')).toBe('/xdg/scrivania');
    expect(defaultDataDir('darwin', {}, '/Users/ada')).toBe('/Users/ada/Library/Application Support/Scrivania');
    expect(defaultDataDir('win32', { APPDATA: 'C:\\Users\\ada\\AppData\\Roaming' }, 'C:\\Users\\ada')).toContain('Scrivania');
  });

  it('reads the built-in trusted keys, none when the file is absent, and refuses a malformed list', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'scrivania-dist-'));
    await expect(readBuiltInTrustedKeys(dir)).resolves.toEqual([]);
    writeFileSync(join(dir, 'trusted-keys.json'), JSON.stringify(['MCowBQYDK2VwAyEA']));
    await expect(readBuiltInTrustedKeys(dir)).resolves.toEqual(['MCowBQYDK2VwAyEA']);
    writeFileSync(join(dir, 'trusted-keys.json'), JSON.stringify({ keys: [] }));
    await expect(readBuiltInTrustedKeys(dir)).rejects.toThrow('expected a JSON array of public keys');
  });
});
