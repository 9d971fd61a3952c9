// `node test/bench/vpn.js` (as root, Linux): how fast the VPN monitor notices a lost tunnel and how little it probes
// a stable one, against real OpenVPN in network namespaces (test/lab/vpn). Not a test: it reports figures.
// The TypeScript lab is bundled on the fly with esbuild into node_modules/.cache, where `esbuild` still resolves.
import { mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const FLAPS = Number(process.env.BENCH_VPN_FLAPS ?? 20);
const SILENT_FLAPS = Number(process.env.BENCH_VPN_SILENT_FLAPS ?? 5);
const STABLE_SECONDS = Number(process.env.BENCH_VPN_STABLE_SECONDS ?? 60);

const percentile = (values, fraction) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)];
};

const cacheDir = join(root, 'node_modules', '.cache', 'scrivania-vpn-bench');
mkdirSync(cacheDir, { recursive: true });
const outfile = join(cacheDir, 'vpn-bench.mjs');
try {
  await build({
    entryPoints: [join(root, 'test/lab/vpn/bench.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile,
    external: ['esbuild'],
    logLevel: 'warning',
  });
  const { runVpnBench } = await import(pathToFileURL(outfile).href);
  const result = await runVpnBench({
    root,
    flaps: FLAPS,
    silentFlaps: SILENT_FLAPS,
    stableSeconds: STABLE_SECONDS,
    progress: (message) => console.log(`… ${message}`),
  });
  if (result.skipped) {
    console.log(`VPN bench skipped: ${result.skipped}`);
    process.exitCode = process.env.CI === 'true' ? 1 : 0;
  } else {
    const rows = [];
    for (const monitor of result.monitors) {
      const p95 = percentile(monitor.detectionMs, 0.95);
      rows.push([
        `tunnel lost → state event, ${monitor.name} (${monitor.detectionMs.length} server restarts)`,
        `median ${percentile(monitor.detectionMs, 0.5)} ms, p95 ${p95} ms`,
        'p95 < 2000 ms',
        p95 < 2000,
      ]);
      const silentBound = result.stableIntervalMs + 2 * result.probeTimeoutMs;
      const silentP95 = percentile(monitor.silentDetectionMs, 0.95);
      rows.push([
        `server frozen silently → state event, ${monitor.name} (${monitor.silentDetectionMs.length} freezes)`,
        `median ${percentile(monitor.silentDetectionMs, 0.5)} ms, p95 ${silentP95} ms`,
        `≤ ${silentBound} ms (stable interval + probe timeouts)`,
        silentP95 <= silentBound,
      ]);
      rows.push([
        `probe rounds a minute while stable, ${monitor.name}`,
        `${monitor.roundsPerMinute.toFixed(1)} (${monitor.probesPerMinute.toFixed(1)} single probes)`,
        '≤ 6 rounds',
        monitor.roundsPerMinute <= 6.05,
      ]);
    }
    rows.push([
      'server back → connected again (median)',
      `${percentile(result.recoveryMs, 0.5)} ms`,
      '(OpenVPN reconnect, informative)',
      true,
    ]);
    for (const [name, value, budget, within] of rows) console.log(`${within ? 'within' : 'OVER  '}  ${name}: ${value} (budget ${budget})`);
  }
} finally {
  rmSync(cacheDir, { recursive: true, force: true });
}
