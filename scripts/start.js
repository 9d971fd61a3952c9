// `npm start`: build, then run the Electron app; where its binary cannot be had, run the web host in a browser window.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const run = (command, args, options = {}) => spawnSync(command, args, { stdio: 'inherit', ...options });

if (run(process.execPath, ['scripts/build.js']).status !== 0) process.exit(1);

const electronDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));

/** The binary's path when it is on disk, fetching it once first (electron >= 42 downloads on first run). */
const electronBinary = () => {
  const pathFile = join(electronDir, 'path.txt');
  const installed = () => existsSync(pathFile) && existsSync(join(electronDir, 'dist', readFileSync(pathFile, 'utf8')));
  if (!installed()) run(process.execPath, [join(electronDir, 'install.js')], { stdio: 'ignore', timeout: 180_000 });
  return installed() ? join(electronDir, 'dist', readFileSync(pathFile, 'utf8')) : undefined;
};

const binary = electronBinary();
if (!binary)
  console.log('The Electron binary could not be downloaded (offline or behind a proxy), so Scrivania opens in a browser window instead.');
const child = binary
  ? spawn(binary, ['.'], { stdio: 'inherit' })
  : spawn(process.execPath, ['bin/scrivania.js', 'web', '--open'], { stdio: 'inherit' });
child.on('exit', (code) => process.exit(code ?? 0));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
