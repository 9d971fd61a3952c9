// Runs the project's TypeScript (the labs and their helpers) from plain node: the benchmarks and `npm run demo`.
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build, stop } from 'esbuild';

const projectRoot = join(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Bundles `exportLines` (re-exports relative to the project's root) into one module under node_modules/.cache,
 * where its bare imports resolve, and imports it.
 */
export const importTypeScript = async (name, exportLines) => {
  const outdir = join(projectRoot, 'node_modules', '.cache', 'scrivania-ts');
  mkdirSync(outdir, { recursive: true });
  const outfile = join(outdir, `${name}.mjs`);
  await build({
    stdin: { contents: exportLines.join('\n'), resolveDir: projectRoot, loader: 'ts' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    outfile,
    logLevel: 'warning',
  });
  // esbuild keeps a service process for the next build; none comes, and a long run (the demo) should not carry it.
  await stop();
  return import(pathToFileURL(outfile).href);
};
