import { mkdir, mkdtemp } from 'node:fs/promises';
import { join } from 'node:path';
import { build } from 'esbuild';

/** Bundles the CLI (main/cli/bin.ts) into a fresh folder below node_modules/.cache; returns the folder and cli.js. */
export const buildCliForTest = async (prefix: string): Promise<{ dir: string; cli: string }> => {
  await mkdir('node_modules/.cache', { recursive: true });
  const dir = await mkdtemp(join('node_modules', '.cache', prefix));
  await build({
    entryPoints: { cli: 'main/cli/bin.ts' },
    outdir: dir,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    packages: 'external',
    logLevel: 'warning',
  });
  return { dir, cli: join(dir, 'cli.js') };
};
