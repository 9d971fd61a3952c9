// `node test/bench/diagnostics.js`: the logging and diagnostics figures against their budgets. Not a test: it reports.
//  1. Records per second through the redacting host logger into a rotating file, with 200 registered secrets.
//  2. Time and size of a diagnostics bundle with the full 16 MB of logs it may carry.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importTypeScript } from './lib/bench-support.js';

const RECORDS = Number(process.env.BENCH_RECORDS ?? 50_000);

const m = await importTypeScript('diagnostics-bench', [
  "export { createHostLogger } from './main/services/logging/file-logger';",
  "export { registerSecret } from './main/services/logging/secret-registry';",
  "export { DiagnosticsBundler, MAX_BUNDLED_LOG_BYTES } from './main/services/help/diagnostics/diagnostics-bundler';",
  "export { ProfileService } from './main/services/profiles/profile-service';",
]);

const dataDir = mkdtempSync(join(tmpdir(), 'scrivania-bench-diagnostics-'));
const logDir = join(dataDir, 'logs');
for (let index = 0; index < 200; index += 1) m.registerSecret(`registered-secret-${index}-${'x'.repeat(16)}`);

const logger = m.createHostLogger({ logDir, level: 'info', terminal: { write: () => true }, terminalLevel: 'error' });
const started = performance.now();
for (let index = 0; index < RECORDS; index += 1) {
  logger.log.info('probe answered', {
    probe: 'tcp',
    target: 'pc-mrossi.comune.prato.example:3389',
    ms: index % 90,
    url: `https://intranet.comune.prato.example/status?id=${index}`,
  });
}
const loggedMs = performance.now() - started;
await logger.close();
const perSecond = RECORDS / (loggedMs / 1000);

// Fill the rest of the folder up to the bundle's cap with rotated files of the same lines.
const filler = m.createHostLogger({ logDir, level: 'info', terminal: { write: () => true }, terminalLevel: 'error' });
for (let index = 0; index < 110_000; index += 1)
  filler.log.info('a call was diverted', { from: '+39 0574 1835000', group: 'Polizia Municipale', index });
await filler.close();

const profiles = new m.ProfileService({ dataDir });
await profiles.load();
const bundler = new m.DiagnosticsBundler({
  logDir,
  outDir: join(dataDir, 'diagnostics'),
  info: () => ({ version: 'bench', host: 'web', versions: { node: process.versions.node } }),
  profiles,
  lastSelfTest: () => null,
  clock: () => new Date(),
});
const bundleStarted = performance.now();
const bundle = await bundler.create();
const bundleMs = performance.now() - bundleStarted;
rmSync(dataDir, { recursive: true, force: true });

const rows = [
  [
    `host logger, redacting (200 registered secrets), ${RECORDS.toLocaleString('en')} records`,
    `${Math.round(perSecond).toLocaleString('en')} records/s`,
    '≥ 20,000/s',
    perSecond >= 20_000,
  ],
  [
    `diagnostics bundle, logs up to the ${m.MAX_BUNDLED_LOG_BYTES / 1024 / 1024} MB cap (${bundle.entries.length} entries)`,
    `${bundleMs.toFixed(0)} ms`,
    '< 3,000 ms',
    bundleMs < 3_000,
  ],
  ['  …its size, to stay mailable', `${(bundle.bytes / 1024 / 1024).toFixed(2)} MB`, '< 8 MB', bundle.bytes < 8 * 1024 * 1024],
];
for (const [name, value, budget, within] of rows) console.log(`${within ? 'within' : 'OVER  '}  ${name}: ${value} (budget ${budget})`);
