// Builds every process: the renderer with Vite, main (CLI, web host, Electron main) and the preload with esbuild.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { delimiter } from 'node:path';
import { build as esbuild } from 'esbuild';
import { build as vite } from 'vite';

const node = { bundle: true, platform: 'node', target: 'node20', format: 'esm', packages: 'external', sourcemap: true, logLevel: 'warning' };

await vite({ configFile: 'vite.config.ts', logLevel: 'warn' });
await Promise.all([
  esbuild({ ...node, entryPoints: { cli: 'main/cli/bin.ts' }, outdir: 'dist/main' }),
  esbuild({ ...node, entryPoints: { 'electron-main': 'main/host/electron/main.ts' }, outdir: 'dist/main', external: ['electron'] }),
  // A sandboxed preload is CommonJS and may require only `electron`: everything else is bundled in.
  esbuild({ bundle: true, platform: 'browser', target: 'chrome140', format: 'cjs', external: ['electron'], entryPoints: ['preload/index.ts'], outfile: 'dist/preload/preload.cjs', minify: true, logLevel: 'warning' }),
]);
/**
 * The profile-signing public keys this installation trusts, from SCRIVANIA_TRUSTED_KEYS at build time: public-key
 * files (.pem) or base64 keys, separated like PATH. Admins build "Scrivania for Comune di X" without touching code.
 */
const trustedKeys = (process.env.SCRIVANIA_TRUSTED_KEYS ?? '')
  .split(delimiter)
  .map((entry) => entry.trim())
  .filter(Boolean)
  .map((entry) => (entry.endsWith('.pem') ? readFileSync(entry, 'utf8') : entry));
mkdirSync('dist', { recursive: true });
if (trustedKeys.length > 0) writeFileSync('dist/trusted-keys.json', `${JSON.stringify(trustedKeys, null, 2)}\n`);
else rmSync('dist/trusted-keys.json', { force: true });
console.log(`built dist/renderer, dist/main and dist/preload; ${trustedKeys.length} built-in trusted profile key(s)`);
