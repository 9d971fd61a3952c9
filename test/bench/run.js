// `npm run bench`: builds once, then runs every capability's benchmark in turn and prints its figures.
// Not a test: figures over budget are reported, not failed. `npm run bench -- meetings` runs one; flags after the
// names go to each bench named (`npm run bench -- working-day --minutes 5`).
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';

/** Benches that take a long while (the working day: 20 minutes) run only when named. */
const ONLY_WHEN_NAMED = new Set(['working-day']);
const args = process.argv.slice(2);
const firstFlag = args.findIndex((arg) => arg.startsWith('--'));
const wanted = firstFlag === -1 ? args : args.slice(0, firstFlag);
const flags = firstFlag === -1 ? [] : args.slice(firstFlag);
const benches = readdirSync('test/bench')
  .filter((name) => name.endsWith('.js') && name !== 'run.js')
  .filter((name) => (wanted.length === 0 ? !ONLY_WHEN_NAMED.has(name.replace(/\.js$/, '')) : wanted.includes(name.replace(/\.js$/, ''))))
  .sort((a, b) => (a === 'foundation.js' ? -1 : b === 'foundation.js' ? 1 : a.localeCompare(b)));

if (spawnSync(process.execPath, ['scripts/build.js'], { stdio: 'inherit' }).status !== 0) process.exit(1);
let failed = 0;
for (const bench of benches) {
  console.log(`\n== ${bench.replace(/\.js$/, '')} ==`);
  const result = spawnSync(process.execPath, [`test/bench/${bench}`, ...flags], {
    stdio: 'inherit',
    env: { ...process.env, SCRIVANIA_BENCH_BUILT: '1' },
  });
  if (result.status !== 0) failed += 1;
}
process.exit(failed === 0 ? 0 : 1);
