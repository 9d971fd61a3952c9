// `npm run demo`: the whole test lab on this machine and Scrivania configured for it (test/lab/demo/office.ts).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { importTypeScript } from './import-typescript.js';

const projectRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(projectRoot);

const built = ['dist/main/cli.js', 'dist/renderer/index.html'].every((file) => existsSync(file));
if (!built) {
  console.log('Building Scrivania first (npm run build)…');
  if (spawnSync(process.execPath, ['scripts/build.js'], { stdio: 'inherit' }).status !== 0) process.exit(1);
}

const { runDemo } = await importTypeScript('demo-office', ["export { runDemo } from './test/lab/demo/office.ts';"]);
await runDemo(process.argv.slice(2));
