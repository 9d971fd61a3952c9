// What the benchmarks share (this folder is not itself a benchmark: `npm run bench` runs only test/bench/*.js).

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** The flags the end-to-end tests use (playwright.config.ts): as root, offline, and no name lookups but localhost. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1',
];

/** The labs and helpers are TypeScript: see scripts/import-typescript.js. */
export { importTypeScript } from '../../../scripts/import-typescript.js';
