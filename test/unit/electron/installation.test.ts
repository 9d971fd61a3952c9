import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { installedPerMachine } from '../../../main/host/electron/installation';

describe('how this copy was installed', () => {
  const folder = () => mkdtempSync(join(tmpdir(), 'scrivania-install-'));

  it('is per machine on Windows when no NSIS uninstaller sits beside the executable (the MSI)', () => {
    const msi = folder();
    writeFileSync(join(msi, 'Scrivania.exe'), '');
    expect(installedPerMachine('win32', join(msi, 'Scrivania.exe'))).toBe(true);

    const nsis = folder();
    writeFileSync(join(nsis, 'Scrivania.exe'), '');
    writeFileSync(join(nsis, 'Uninstall Scrivania.exe'), '');
    expect(installedPerMachine('win32', join(nsis, 'Scrivania.exe'))).toBe(false);
  });

  it('is never per machine on macOS and Linux, whose packages update themselves or through the system', () => {
    const bare = folder();
    expect(installedPerMachine('darwin', join(bare, 'Scrivania'))).toBe(false);
    expect(installedPerMachine('linux', join(bare, 'scrivania'))).toBe(false);
  });
});
