import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from '@playwright/test';
import { e2eHostFrom, WEB_HOST_ONLY } from './test/e2e/e2e-host';
import { chromiumArgs, chromiumPath } from './test/support/chromium.js';

// Every web host of this run keeps its data and its log below one folder, which the secret scan reads at the end.
// Workers inherit the runner's environment, so they share the runner's folder.
process.env['SCRIVANIA_E2E_ROOT'] ??= mkdtempSync(join(tmpdir(), 'scrivania-e2e-'));

export { chromiumArgs, chromiumPath };

export default defineConfig({
  testDir: 'test/e2e',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 30_000,
  reporter: [['list']],
  // The same specs drive the web host (`npm run test:e2e`) or the Electron app (`npm run test:electron`).
  projects:
    e2eHostFrom(process.env) === 'electron'
      ? [
          { name: 'electron', testMatch: /.*\.spec\.ts/, grepInvert: new RegExp(WEB_HOST_ONLY), timeout: 60_000 },
          { name: 'secret-scan', testMatch: /secret-scan\.check\.ts/, dependencies: ['electron'] },
        ]
      : [
          { name: 'e2e', testMatch: /.*\.spec\.ts/ },
          { name: 'secret-scan', testMatch: /secret-scan\.check\.ts/, dependencies: ['e2e'] },
        ],
  use: {
    headless: true,
    launchOptions: {
      executablePath: chromiumPath,
      args: chromiumArgs,
    },
  },
});
