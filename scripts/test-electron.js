// `npm run test:electron`: the end-to-end specs against the real Electron app (dist/main/electron-main.js, run by
// node_modules' Electron) instead of the web host in Chromium. Linux gets a virtual display from xvfb-run.
// Needs `npm run build` first and an Electron binary, which the release workflow's runners download.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const playwright = createRequire(import.meta.url).resolve('@playwright/test/cli');
const args = [playwright, 'test', ...process.argv.slice(2)];
const env = { ...process.env, SCRIVANIA_E2E_HOST: 'electron' };
const result =
  process.platform === 'linux'
    ? spawnSync('xvfb-run', ['--auto-servernum', '--server-args=-screen 0 1280x960x24', process.execPath, ...args], {
        stdio: 'inherit',
        env,
      })
    : spawnSync(process.execPath, args, { stdio: 'inherit', env });
if (result.error) {
  console.error(
    `test:electron could not start ${process.platform === 'linux' ? 'xvfb-run (apt-get install xvfb)' : 'Playwright'}: ${result.error.message}`,
  );
  process.exit(1);
}
process.exit(result.status ?? 1);
