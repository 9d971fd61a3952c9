// What the benchmarks share (this folder is not itself a benchmark: `npm run bench` runs only test/bench/*.js).

/** The Chromium and the flags the end-to-end tests use (playwright.config.ts): as root, offline, and no name lookups but localhost. */
export { chromiumPath as CHROMIUM, chromiumArgs as CHROMIUM_ARGS } from '../../support/chromium.js';

/** The labs and helpers are TypeScript: see scripts/import-typescript.js. */
export { importTypeScript } from '../../../scripts/import-typescript.js';
