// The Chromium that the end-to-end tests (playwright.config.ts) and the benchmarks (test/bench) drive. Plain
// JavaScript, so that the benchmarks read it with node alone.

/** Debian's Chromium: Playwright's own browser download cannot work on our machines. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * As root and offline: no sandbox, no background traffic, and no name lookups at all (a profile's example host
 * must not become a DNS query): every name but localhost is "not found". Specs that add flags start from these.
 */
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1',
];
