// The foundation's speed and memory figures against their budgets (run by `npm run bench`).
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';
import { CHROMIUM, CHROMIUM_ARGS } from './lib/bench-support.js';

const IDLE_SECONDS = Number(process.env.BENCH_IDLE_SECONDS ?? 30);

const startHost = () =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/scrivania.js', 'web', '--port', '0'], { stdio: ['ignore', 'pipe', 'ignore'] });
    let printed = '';
    child.stdout.on('data', (chunk) => {
      printed += chunk;
      const url = /http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]+/.exec(printed)?.[0];
      if (url) resolve({ child, url });
    });
    child.once('exit', (code) => reject(new Error(`web host exited with ${code}`)));
  });

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** From spawning the web host to the first contentful paint of its page in an already running Chromium. */
const coldStartToFcp = async (browser) => {
  const spawnedAt = Date.now();
  const { child, url } = await startHost();
  const page = await browser.newPage();
  await page.goto(url);
  const paintedAt = await page.evaluate(
    () =>
      new Promise((resolve) => {
        const done = (entry) => resolve(performance.timeOrigin + entry.startTime);
        const existing = performance.getEntriesByName('first-contentful-paint')[0];
        if (existing) return done(existing);
        new PerformanceObserver((list) => done(list.getEntriesByName('first-contentful-paint')[0])).observe({
          type: 'paint',
          buffered: true,
        });
      }),
  );
  await page.close();
  child.kill();
  return paintedAt - spawnedAt;
};

/** The entry chunk index.html loads: lazily loaded chunks (IronRDP, JsSIP) are not part of the first paint. */
const mainChunkGzip = () => {
  const entry = /<script type="module"[^>]*src="\/(assets\/[^"]+\.js)"/.exec(readFileSync('dist/renderer/index.html', 'utf8'))?.[1];
  if (!entry) throw new Error('dist/renderer/index.html names no module script');
  return { name: entry, gzip: gzipSync(readFileSync(join('dist/renderer', entry)), { level: 9 }).length };
};

const idleRss = async () => {
  const { child } = await startHost();
  await new Promise((resolve) => setTimeout(resolve, IDLE_SECONDS * 1000));
  const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
  child.kill();
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1]) / 1024;
};

if (!process.env.SCRIVANIA_BENCH_BUILT && spawnSync(process.execPath, ['scripts/build.js'], { stdio: 'inherit' }).status !== 0)
  process.exit(1);

const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
const runs = [];
for (let run = 0; run < 5; run++) runs.push(await coldStartToFcp(browser));
await browser.close();
const chunk = mainChunkGzip();
const rss = await idleRss();

const rows = [
  [
    'web host cold start → first contentful paint (median of 5)',
    `${median(runs).toFixed(0)} ms`,
    '< 800 ms',
    median(runs) < 800,
    `runs: ${runs.map((ms) => ms.toFixed(0)).join(', ')} ms`,
  ],
  ['renderer main chunk, gzipped', `${(chunk.gzip / 1024).toFixed(1)} KB`, '< 250 KB', chunk.gzip < 250 * 1024, chunk.name],
  [`backend RSS after ${IDLE_SECONDS} s idle`, `${rss.toFixed(1)} MB`, '< 120 MB', rss < 120, ''],
];
for (const [name, value, budget, within, note] of rows)
  console.log(`${within ? 'within' : 'OVER  '}  ${name}: ${value} (budget ${budget}) ${note}`);
