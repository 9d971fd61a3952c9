import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import { z } from 'zod';
import { formatSchemaError, HttpUrl } from '../../../common/profiles/profile-schema';
import { parseJson } from '../../services/storage/safe-json';

/** Written by `npm run build` from SCRIVANIA_DEFAULT_PROFILE_URL, beside trusted-keys.json. */
export const DEFAULT_PROFILE_URL_FILE = 'default-profile-url.json';
const BuiltInProfileUrl = z.strictObject({ url: HttpUrl });

/** Where Scrivania keeps its own files (profile, settings) when the host does not say: the OS's usual place. */
export const defaultDataDir = (
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
  home: string = homedir(),
): string => {
  if (platform === 'win32') return join(env['APPDATA'] ?? join(home, 'AppData', 'Roaming'), 'Scrivania');
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'Scrivania');
  return join(env['XDG_CONFIG_HOME'] ?? join(home, '.config'), 'scrivania');
};

/** The profile-signing public keys built into this installation (dist/trusted-keys.json); none when absent. */
export const readBuiltInTrustedKeys = async (distDir: string): Promise<string[]> => {
  const file = join(distDir, 'trusted-keys.json');
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const parsed: unknown = JSON.parse(text);
  if (!Array.isArray(parsed) || !parsed.every((key) => typeof key === 'string'))
    throw new Error(`${file}: expected a JSON array of public keys`);
  return parsed;
};

/** The profile address built into this installation (dist/default-profile-url.json); undefined when absent. */
export const readBuiltInDefaultProfileUrl = async (distDir: string): Promise<string | undefined> => {
  const file = join(distDir, DEFAULT_PROFILE_URL_FILE);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const json = parseJson(text);
  if (!json.ok) throw new Error(`${file}: not JSON: ${json.reason}`);
  const parsed = BuiltInProfileUrl.safeParse(json.value);
  if (!parsed.success) throw new Error(`${file}: ${formatSchemaError(parsed.error)}`);
  return parsed.data.url;
};

/**
 * What an unpackaged Electron run (`electron dist/main/electron-main.js`, as the end-to-end tests start it) takes
 * from the environment: its own data folder (SCRIVANIA_DATA_DIR) and extra trusted public-key files
 * (SCRIVANIA_TRUST, separated like PATH). A packaged installation ignores both.
 */
export const unpackagedRunOverrides = (env: NodeJS.ProcessEnv): { dataDir?: string; trustFiles: string[] } => {
  const trustFiles = (env['SCRIVANIA_TRUST'] ?? '').split(delimiter).filter(Boolean);
  const dataDir = env['SCRIVANIA_DATA_DIR'];
  return dataDir ? { dataDir, trustFiles } : { trustFiles };
};
