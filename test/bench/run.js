// `npm run bench`: builds once, then runs every capability's benchmark in turn and prints its figures.
// Not a test: figures over budget are reported, not failed. `npm run bench -- meetings` runs one.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';

const wanted = process.argv.slice(2);
const benches = readdirSync('test/bench')
  .filter((name) => name.endsWith('.js') && name !== 'run.js')
  .filter((name) => wanted.length === 0 || wanted.includes(name.replace(/\.js$/, '')))
  .sort((a, b) => (a === 'foundation.js' ? -1 : b === 'foundation.js' ? 1 : a.localeCompare(b)));

if (spawnSync(process.execPath, ['scripts/build.js'], { stdio: 'inherit' }).status !== 0) process.exit(1);
let failed = 0;
for (const bench of benches) {
  console.log(`\n== ${bench.replace(/\.js$/, '')} ==`);
  const result = spawnSync(process.execPath, [`test/bench/${bench}`], {
    stdio: 'inherit',
    env: { ...process.env, SCRIVANIA_BENCH_BUILT: '1' },
  });
  if (result.status !== 0) failed += 1;
}
process.exit(failed === 0 ? 0 : 1);
