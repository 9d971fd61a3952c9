/**
 * Which host the end-to-end specs drive: `web` (the CLI's web host in Debian's Chromium, the default) or `electron`
 * (dist/main/electron-main.js in node_modules' Electron, `npm run test:electron`). The specs are the same, and start
 * and configure the app through startApp (web-host-fixture.ts); a test about the web host itself (its token, its
 * HTTP streams, what its browser tab does with a link) carries WEB_HOST_ONLY, with a comment saying why.
 */
export type E2eHost = 'web' | 'electron';

export const WEB_HOST_ONLY = '@web-host';

export const e2eHostFrom = (env: NodeJS.ProcessEnv): E2eHost => {
  const value = env['SCRIVANIA_E2E_HOST'] ?? 'web';
  if (value === 'web' || value === 'electron') return value;
  throw new Error(`SCRIVANIA_E2E_HOST must be "web" or "electron", not "${value}"`);
};
