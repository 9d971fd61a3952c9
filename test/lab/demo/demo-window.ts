import { join, resolve } from 'node:path';

/** What is known of node_modules' electron package: its folder, and how to look inside it. */
export interface ElectronPackage {
  dir: string;
  env: NodeJS.ProcessEnv;
  exists(path: string): boolean;
  /** A file's text, or undefined when it is not there. */
  readText(path: string): string | undefined;
}

/**
 * The Electron binary when it is on disk, found the way the electron package's index.js finds it (path.txt
 * names it below dist/, or below ELECTRON_OVERRIDE_DIST_PATH), but never downloading it as index.js would.
 */
export const installedElectronBinary = (electron: ElectronPackage): string | undefined => {
  const named = electron.readText(join(electron.dir, 'path.txt'))?.trim() || 'electron';
  const distDir = electron.env['ELECTRON_OVERRIDE_DIST_PATH'] || join(electron.dir, 'dist');
  const binary = join(distDir, named);
  return electron.exists(binary) ? binary : undefined;
};

export interface DemoWindowChoice {
  /** --no-open: no window at all, only the web host's address. */
  open: boolean;
  electronBinary: string | undefined;
  /** The data folder the demo configured and the signing key it trusts, for the unpackaged Electron run. */
  dataDir: string;
  trust: string;
  /** Chromium, hence Electron, refuses to run as root with its sandbox on. */
  asRoot: boolean;
}

export type DemoWindow =
  { kind: 'none' } | { kind: 'browser'; note: string } | { kind: 'electron'; command: string; args: string[]; env: Record<string, string> };

export const ELECTRON_MAIN = 'dist/main/electron-main.js';

/** The Electron app on the demo's data folder where its binary is installed; otherwise the web host's window. */
export const chooseDemoWindow = (choice: DemoWindowChoice): DemoWindow => {
  if (!choice.open) return { kind: 'none' };
  if (!choice.electronBinary)
    return { kind: 'browser', note: 'The Electron binary is not installed here, so Scrivania opens in a Chromium app window instead.' };
  return {
    kind: 'electron',
    command: choice.electronBinary,
    args: [...(choice.asRoot ? ['--no-sandbox'] : []), resolve(ELECTRON_MAIN)],
    env: { SCRIVANIA_DATA_DIR: choice.dataDir, SCRIVANIA_TRUST: choice.trust },
  };
};
