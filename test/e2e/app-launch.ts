import { delimiter } from 'node:path';

/** How a test wants the app started, whichever host runs it. */
export interface AppLaunch {
  /** A profile to sign with the run's test key, which the app trusts, and import before the test starts. */
  profile?: Record<string, unknown>;
  /** Values for the profile's userFields, typed as the employee would. */
  userFields?: Record<string, string>;
  /** More profile-signing public-key files to trust, besides the run's test key. */
  trust?: string[];
  env?: Record<string, string>;
  /** Chromium switches (a fake headset, autoplay): Electron's command line, or a Chromium of the web host's own. */
  switches?: string[];
  /** The system's language, e.g. `it-IT`. */
  locale?: string;
}

/** `scrivania web` on a free loopback port, with its own data folder and the trusted key files. */
export const webHostArguments = (dataDir: string, trustFiles: readonly string[]): string[] => [
  'bin/scrivania.js',
  'web',
  '--port',
  '0',
  '--data-dir',
  dataDir,
  ...trustFiles.flatMap((file) => ['--trust', file]),
];

/** Electron's command line: the main script, then the Chromium switches and the language. Root needs no sandbox, as Chromium does. */
export const electronArguments = (mainScript: string, launch: Pick<AppLaunch, 'switches' | 'locale'>, asRoot: boolean): string[] => [
  ...(asRoot ? ['--no-sandbox'] : []),
  mainScript,
  ...(launch.switches ?? []),
  ...(launch.locale ? [`--lang=${launch.locale}`] : []),
];

/** The overrides an unpackaged Electron app honours (main/host/core/host-paths.ts): its data folder and trusted keys. */
export const electronEnvironment = (
  dataDir: string,
  trustFiles: readonly string[],
  env: Record<string, string> = {},
): Record<string, string> => ({
  ...env,
  SCRIVANIA_DATA_DIR: dataDir,
  ...(trustFiles.length > 0 ? { SCRIVANIA_TRUST: trustFiles.join(delimiter) } : {}),
});
