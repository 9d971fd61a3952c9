// Builds every process: the renderer with Vite, main (CLI, web host, Electron main) and the preload with esbuild.
import { build as esbuild } from 'esbuild';
import { build as vite } from 'vite';
import { writeInstallationFiles } from './installation-files.js';

const node = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
};

// First, so a wrong value stops the build before anything else is built.
const baked = writeInstallationFiles(process.env, 'dist');
await vite({ configFile: 'vite.config.ts', logLevel: 'warn' });
await Promise.all([
  esbuild({ ...node, entryPoints: { cli: 'main/cli/bin.ts' }, outdir: 'dist/main' }),
  esbuild({ ...node, entryPoints: { 'electron-main': 'main/host/electron/main.ts' }, outdir: 'dist/main', external: ['electron'] }),
  // A sandboxed preload is CommonJS and may require only `electron`: everything else is bundled in.
  esbuild({
    bundle: true,
    platform: 'browser',
    target: 'chrome140',
    format: 'cjs',
    external: ['electron'],
    entryPoints: ['preload/index.ts'],
    outfile: 'dist/preload/preload.cjs',
    minify: true,
    logLevel: 'warning',
  }),
]);
console.log(
  `built dist/renderer, dist/main and dist/preload; ${baked.trustedKeys} built-in trusted profile key(s); default profile URL: ${baked.profileUrl ?? 'none'}`,
);
