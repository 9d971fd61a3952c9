import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chooseDemoWindow, ELECTRON_MAIN, installedElectronBinary, type ElectronPackage } from '../../lab/demo/demo-window';

const DIR = '/project/node_modules/electron';

/** The electron package with these files on disk (path → text). */
const electronPackage = (files: Record<string, string>, env: NodeJS.ProcessEnv = {}): ElectronPackage => ({
  dir: DIR,
  env,
  exists: (path) => path in files,
  readText: (path) => files[path],
});

describe('the Electron binary the demo may open', () => {
  it('is the one path.txt names below dist/, when it is there', () => {
    expect(installedElectronBinary(electronPackage({ [join(DIR, 'path.txt')]: 'electron', [join(DIR, 'dist', 'electron')]: '' }))).toBe(
      join(DIR, 'dist', 'electron'),
    );
    const mac = 'Electron.app/Contents/MacOS/Electron';
    expect(installedElectronBinary(electronPackage({ [join(DIR, 'path.txt')]: `${mac}\n`, [join(DIR, 'dist', mac)]: '' }))).toBe(
      join(DIR, 'dist', mac),
    );
  });

  it('is dist/electron when path.txt is missing, as on a package whose download never ran', () => {
    expect(installedElectronBinary(electronPackage({ [join(DIR, 'dist', 'electron')]: '' }))).toBe(join(DIR, 'dist', 'electron'));
  });

  it('is none when the binary is not on disk, even though path.txt names it', () => {
    expect(installedElectronBinary(electronPackage({ [join(DIR, 'path.txt')]: 'electron' }))).toBeUndefined();
    expect(installedElectronBinary(electronPackage({}))).toBeUndefined();
  });

  it('honours ELECTRON_OVERRIDE_DIST_PATH as the electron package does', () => {
    const files = { [join(DIR, 'path.txt')]: 'electron', '/opt/electron/electron': '' };
    expect(installedElectronBinary(electronPackage(files, { ELECTRON_OVERRIDE_DIST_PATH: '/opt/electron' }))).toBe(
      '/opt/electron/electron',
    );
    expect(installedElectronBinary(electronPackage(files))).toBeUndefined();
  });
});

describe('where npm run demo opens Scrivania', () => {
  const base = {
    open: true,
    dataDir: '/tmp/scrivania-demo-x/scrivania-data',
    trust: '/tmp/scrivania-demo-x/demo-signing-ab.pub.pem',
    asRoot: false,
  };

  it('opens the Electron app on the demo data folder with its key trusted, when the binary is installed', () => {
    expect(chooseDemoWindow({ ...base, electronBinary: '/e/electron' })).toEqual({
      kind: 'electron',
      command: '/e/electron',
      args: [resolve(ELECTRON_MAIN)],
      env: { SCRIVANIA_DATA_DIR: base.dataDir, SCRIVANIA_TRUST: base.trust },
    });
  });

  it('turns the sandbox off only as root, where Chromium refuses to start with it', () => {
    const window = chooseDemoWindow({ ...base, asRoot: true, electronBinary: '/e/electron' });
    expect(window.kind === 'electron' && window.args).toEqual(['--no-sandbox', resolve(ELECTRON_MAIN)]);
  });

  it('opens the web host in a browser window without the binary, and says why in one line', () => {
    const window = chooseDemoWindow({ ...base, electronBinary: undefined });
    expect(window).toEqual({
      kind: 'browser',
      note: expect.stringMatching(/^The Electron binary is not installed here, so Scrivania opens in a Chromium app window instead\.$/),
    });
  });

  it('opens nothing with --no-open, Electron or not', () => {
    expect(chooseDemoWindow({ ...base, open: false, electronBinary: '/e/electron' })).toEqual({ kind: 'none' });
    expect(chooseDemoWindow({ ...base, open: false, electronBinary: undefined })).toEqual({ kind: 'none' });
  });
});
