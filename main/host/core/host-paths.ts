import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** Where Scrivania keeps its own files (profile, settings) when the host does not say: the OS's usual place. */
export const defaultDataDir = (platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env, home: string = homedir()): string => {
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
  if (!Array.isArray(parsed) || !parsed.every((key) => typeof key === 'string')) throw new Error(`${file}: expected a JSON array of public keys`);
  return parsed;
};
