// `npm run bench -- working-day [--minutes N]`: a compressed working day (issue 17). The demo office's backend and the
// web host in Debian's Chromium run for N minutes (20) while the lab takes each peer down in turn and brings it back
// (Kamailio, rtpengine, the shadow server, OpenVPN, the route to the intranet, the calendar and update servers, the
// keychain daemon) and the outside caller rings the answer group every minute. Not a test: it reports
//   - each capability's time to recover, from the peer being back to the app reporting it ok again (app.status,
//     updates.state, the keychain answering), by itself or only after the employee's "check now";
//   - the calls placed, those that rang in the page, those answered with audio;
//   - RSS and JS heap (after a forced GC) of the backend and of the page, at the start and at the end;
//   - that the call history, the settings and the logs written at the start are all still there at the end.
// Runs only when named (it takes the whole N minutes). The VPN tunnel and its route need root; everything stays on
// loopback and in the namespaces the office creates, and everything it started is stopped at the end.
import { readdirSync, readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from '@playwright/test';
import { CHROMIUM, CHROMIUM_ARGS, importTypeScript } from './lib/bench-support.js';
import { ContractWatch, waitUntil } from './lib/contract-watch.js';
import { descendantsMatching, inspectorAddress, megabytes, nodeHeapAfterGc, rssBytes } from './lib/process-memory.js';

const FAKE_MEDIA_ARGS = [
  '--use-fake-device-for-media-stream',
  '--use-fake-ui-for-media-stream',
  '--autoplay-policy=no-user-gesture-required',
];
const FIRST_CALL_AFTER_MS = 20_000;
const CALL_EVERY_MS = 60_000;
const RING_WAIT_MS = 15_000;
const WARM_UP_MS = 30_000;
/** Each peer stays down at least this long, and until the app has noticed (or NOTICE_WAIT_MS has passed). */
const DOWN_AT_LEAST_MS = 5_000;
const NOTICE_WAIT_MS = 20_000;
/** After this long down without the app noticing, the employee presses the capability's "check now", once. */
const EMPLOYEE_CHECKS_AFTER_MS = 3_000;
const AFTER_CHECK_WAIT_MS = 30_000;
const RECOVERY_GOAL_MS = 30_000;
const HEAP_GROWTH_GOAL = 0.25;
const STEP_TIMEOUT_MS = 15_000;

const FAULT_ORDER = ['kamailio', 'rtpengine', 'officePc', 'openvpn', 'route', 'calendar', 'updates', 'keychain'];

/** `--minutes N` (20) and `--faults a,b` (all, in FAULT_ORDER); bad input: one line, exit 2. */
const options = (() => {
  try {
    const { values } = parseArgs({
      args: process.argv.slice(2),
      options: { minutes: { type: 'string', default: '20' }, faults: { type: 'string', default: FAULT_ORDER.join(',') } },
      strict: true,
    });
    const minutes = Number(values.minutes);
    if (!/^\d+$/.test(values.minutes) || minutes < 2 || minutes > 240)
      throw new Error(`--minutes: expected a whole number from 2 to 240, got "${values.minutes}"`);
    const faults = values.faults.split(',').filter(Boolean);
    const unknown = faults.filter((name) => !FAULT_ORDER.includes(name));
    if (unknown.length > 0) throw new Error(`--faults: unknown ${unknown.join(', ')}; expected some of ${FAULT_ORDER.join(', ')}`);
    return { minutes, faults };
  } catch (error) {
    console.log(`working-day: ${error.message.split('\n')[0]}`);
    process.exit(2);
  }
})();

const seconds = (ms) => (ms === undefined ? '     –' : `${(ms / 1000).toFixed(1).padStart(5)} s`);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const stamp = (since) => `[${String(Math.round((Date.now() - since) / 1000)).padStart(4)} s]`;

const loadSupport = () => importTypeScript('working-day-office', ["export { startDemoOffice } from './test/lab/demo/office.ts';"]);

/** One call at a time: the minute's call and the probe calls after rtpengine's restart take turns. */
const oneAtATime = () => {
  let last = Promise.resolve();
  return (task) => {
    const run = last.then(task);
    last = run.catch(() => undefined);
    return run;
  };
};

/** Every ringing call card the page shows, by its INVITE's time (the card's data-invite-at), as the phone bench does. */
const watchRinging = (page) =>
  page.addInitScript(() => {
    const { document, MutationObserver } = globalThis;
    const seen = (globalThis.__ringingShownAt = {});
    new MutationObserver(() => {
      for (const card of document.querySelectorAll('[data-testid="call"][data-call-state="ringing"]')) {
        const key = card.getAttribute('data-invite-at');
        if (key && !(key in seen)) seen[key] = Date.now();
      }
    }).observe(document, { subtree: true, childList: true, attributes: true });
  });

const ringingCount = (page) => page.evaluate(() => Object.keys(globalThis.__ringingShownAt).length);

/** The caller rings the answer group; the page answers (and hangs up after a few seconds) or lets it ring out. */
const placeCall = async (page, phone, { answer }) => {
  const { caller, group } = phone;
  const before = await ringingCount(page);
  const placedAt = Date.now();
  const call = { placedAt, rang: false, answered: false, audio: false };
  try {
    await caller.command('dial', caller.aor(group.number));
  } catch (error) {
    call.problem = `dial: ${error.message.split('\n')[0]}`;
    return call;
  }
  const rangAt = await waitUntil(async () => (await ringingCount(page)) > before, RING_WAIT_MS, 200);
  call.rang = rangAt !== undefined;
  const card = page.locator('[data-testid="call"]');
  try {
    if (call.rang && answer) {
      // The ringing call's alert dialog covers every pane: the employee answers there.
      await page.getByTestId('incoming-banner').getByRole('button', { name: 'Answer' }).click({ timeout: STEP_TIMEOUT_MS });
      call.answered = true;
      call.audio = await page
        .locator('[data-testid="call"][data-first-audio-at]')
        .waitFor({ timeout: 10_000 })
        .then(
          () => true,
          () => false,
        );
      await sleep(3_000);
      // A call that failed (no media relay) may have ended by itself already: then there is nothing to hang up.
      if ((await card.count()) > 0) await page.getByRole('button', { name: 'Hang up' }).first().click({ timeout: STEP_TIMEOUT_MS });
      else call.endedByItself = true;
    } else {
      if (call.rang) await sleep(5_000);
      await caller.command('hangup').catch(() => undefined);
    }
    await card.first().waitFor({ state: 'detached', timeout: STEP_TIMEOUT_MS });
  } catch (error) {
    const shown = await card
      .first()
      .evaluate(
        (element) =>
          `${element.getAttribute('data-call-state')} [${[...element.querySelectorAll('button')].map((button) => button.textContent).join(', ')}]`,
      )
      .catch(() => 'no call card');
    call.problem = `${error.message.split('\n')[0]} (the page showed: ${shown})`;
    await caller.command('hangup').catch(() => undefined);
    await card
      .first()
      .waitFor({ state: 'detached', timeout: STEP_TIMEOUT_MS })
      .catch(() => undefined);
  }
  return call;
};

/** How the app says each peer's capability is fine, and the "check now" an employee could press for it. */
const healthChecks = (watch) => {
  const capability = (id) => watch.latest.get('app.status')?.capabilities?.[id];
  const phoneOk = () => capability('phone')?.level === 'ok';
  const vpnOk = () => capability('vpn')?.level === 'ok';
  return {
    kamailio: { what: 'phone registered', healthy: phoneOk },
    rtpengine: { what: 'a call with audio' },
    officePc: {
      what: 'office PC reachable',
      healthy: () => ['officePc.status.reachable', 'officePc.status.connected'].includes(capability('officePc')?.summary.key),
      check: () => watch.request('officePc.checkReachability', {}),
    },
    openvpn: { what: 'VPN connected', healthy: vpnOk },
    route: { what: 'VPN connected', healthy: vpnOk },
    calendar: {
      what: 'calendar read',
      healthy: () => capability('meetings')?.level === 'ok',
      check: () => watch.request('meetings.refresh', {}),
    },
    updates: {
      what: 'update check ok',
      healthy: () => watch.latest.get('updates.state')?.phase === 'up-to-date',
      check: () => watch.request('updates.check', {}, 40_000),
    },
    keychain: {
      what: 'keychain answers',
      healthy: async () => (await watch.request('credentials.forPurpose', { purpose: 'phone.register' }, 5_000)).secret !== null,
    },
  };
};

/** Takes one peer down until the app notices (or a while), brings it back, and times the app's recovery. */
const runFault = async (restart, health, { passiveWaitMs, probeCall, log }) => {
  const record = { name: restart.name, what: restart.what, health: health.what };
  if (health.healthy && !(await waitUntil(health.healthy, 20_000))) {
    if (health.check) await health.check().catch(() => undefined);
    record.unhealthyBefore = !(await waitUntil(health.healthy, 30_000));
  }
  log(`down: ${restart.what}`);
  const downAt = Date.now();
  await restart.down();
  if (health.healthy) {
    let checked = false;
    const noticedAt = await waitUntil(async () => {
      if (!checked && health.check && Date.now() - downAt > EMPLOYEE_CHECKS_AFTER_MS) {
        checked = true;
        record.checkedWhileDown = true;
        await health.check().catch(() => undefined);
      }
      return !(await health.healthy());
    }, NOTICE_WAIT_MS);
    record.noticedMs = noticedAt === undefined ? undefined : noticedAt - downAt;
  }
  // rtpengine has no status of its own: a call placed while it is down shows what the employee gets.
  if (!health.healthy) {
    const call = await probeCall();
    record.callWhileDown = call.audio ? 'a call had audio' : call.rang ? 'a call rang, no audio' : 'a call did not ring';
  }
  const downFor = Date.now() - downAt;
  if (downFor < DOWN_AT_LEAST_MS) await sleep(DOWN_AT_LEAST_MS - downFor);
  await restart.up();
  const upAt = Date.now();
  record.downMs = upAt - downAt;
  log(`up: ${restart.what} after ${seconds(record.downMs).trim()}`);
  if (!health.healthy) {
    // …and it is back for the employee once a call has audio again.
    const deadline = upAt + passiveWaitMs;
    while (Date.now() < deadline) {
      const call = await probeCall();
      if (call.audio) {
        record.recoveredMs = Date.now() - upAt;
        record.byItself = true;
        break;
      }
    }
    return record;
  }
  const recoveredAt = await waitUntil(health.healthy, passiveWaitMs);
  if (recoveredAt !== undefined) {
    record.recoveredMs = recoveredAt - upAt;
    record.byItself = true;
  } else if (health.check) {
    const pressedAt = Date.now();
    await health.check().catch(() => undefined);
    const afterCheck = await waitUntil(health.healthy, AFTER_CHECK_WAIT_MS);
    record.byItself = false;
    record.waitedMs = pressedAt - upAt;
    if (afterCheck !== undefined) record.afterCheckMs = afterCheck - pressedAt;
  }
  log(
    `${restart.name}: ${record.recoveredMs !== undefined ? `recovered by itself in ${seconds(record.recoveredMs).trim()}` : record.afterCheckMs !== undefined ? `recovered ${seconds(record.afterCheckMs).trim()} after "check now"` : 'not recovered'}`,
  );
  return record;
};

const memory = async (hostPid, inspector, page, cdp) => {
  const renderers = descendantsMatching(process.pid, /chrom.*--type=renderer/);
  const chromiumAll = descendantsMatching(process.pid, /chrom/);
  const sum = (pids) => pids.reduce((total, pid) => total + (rssBytes(pid) ?? 0), 0);
  await cdp.send('HeapProfiler.collectGarbage');
  const pageHeap = await cdp.send('Runtime.getHeapUsage');
  const backendHeap = inspector ? await nodeHeapAfterGc(inspector).catch(() => undefined) : undefined;
  return {
    backendRss: rssBytes(hostPid),
    backendHeapUsed: backendHeap?.used,
    backendHeapTotal: backendHeap?.total,
    rendererRss: sum(renderers),
    chromiumRss: sum(chromiumAll),
    pageHeapUsed: pageHeap.usedSize,
    pageHeapTotal: pageHeap.totalSize,
    pageNodes: await page.evaluate(() => globalThis.document.getElementsByTagName('*').length),
  };
};

const logLines = (logDir) => {
  const files = (() => {
    try {
      return readdirSync(logDir).filter((name) => /^scrivania(\.\d+)?\.log$/.test(name));
    } catch {
      return [];
    }
  })();
  return files.flatMap((name) =>
    readFileSync(join(logDir, name), 'utf8')
      .split('\n')
      .filter((line) => line.length > 0),
  );
};

/** Every file of the data folder but the logs, as text: the settings must be in them, not only in memory. */
const dataFilesText = (dir) =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && !join(entry.parentPath, entry.name).includes(`${join(dir, 'logs')}`))
    .map((entry) => readFileSync(join(entry.parentPath, entry.name), 'utf8'))
    .join('\n');

const seedHistory = async (watch, dayStart) => {
  const ids = [];
  for (const [index, number] of ['2042', '0115550100', '3001'].entries()) {
    const { id } = await watch.request('phone.recordCall', {
      direction: 'outgoing',
      number,
      startedAt: new Date(dayStart - (index + 1) * 3_600_000).toISOString(),
      durationSeconds: 60 + index,
      outcome: 'answered',
    });
    ids.push(id);
  }
  return ids;
};

const verdict = (ok) => (ok ? 'ok' : 'LOST');

const report = ({ faults, calls, memoryAt, checks, minutes, startedAt, tunnel, loadAtStart }) => {
  const took = (Date.now() - startedAt) / 60_000;
  console.log(
    `\nworking day: ${minutes} minutes asked, ${took.toFixed(1)} minutes run, ${tunnel ? 'OpenVPN tunnel into a lab namespace' : 'no tunnel (probe-only VPN)'}; ${cpus().length} cores shared with other work, load average ${loadAtStart.map((load) => load.toFixed(1)).join(' ')} at the start, ${loadavg()
      .map((load) => load.toFixed(1))
      .join(' ')} at the end`,
  );
  console.log('\nrecovery after each fault (down: until the app noticed, at least 5 s; recovery: from the peer back to the app ok)');
  console.log(`${'peer'.padEnd(30)} ${'app shows'.padEnd(20)} noticed     down   recovery   (goal < ${RECOVERY_GOAL_MS / 1000} s)`);
  for (const fault of faults) {
    const recovery =
      fault.recoveredMs !== undefined
        ? `${seconds(fault.recoveredMs)}   ${fault.recoveredMs < RECOVERY_GOAL_MS ? 'within' : 'OVER'}`
        : fault.afterCheckMs !== undefined
          ? `not by itself in ${seconds(fault.waitedMs).trim()}; ${seconds(fault.afterCheckMs).trim()} after "check now"`
          : fault.error
            ? `failed: ${fault.error}`
            : 'NOT RECOVERED';
    const noticed = fault.noticedMs !== undefined ? seconds(fault.noticedMs) : fault.callWhileDown ? '     –' : ' never';
    console.log(
      `${fault.what.padEnd(30)} ${fault.health.padEnd(20)} ${noticed}${fault.checkedWhileDown ? '*' : ' '} ${seconds(fault.downMs)}   ${recovery}${fault.unhealthyBefore ? ' (not ok before the fault)' : ''}${fault.callWhileDown ? ` (while down: ${fault.callWhileDown})` : ''}`,
    );
  }
  if (faults.some((fault) => fault.checkedWhileDown))
    console.log('  * the app noticed only after the employee\'s "check now" during the fault');
  const rang = calls.filter((call) => call.rang);
  const missed = calls.filter((call) => !call.rang);
  console.log(
    `\ncalls: ${calls.length} placed, ${rang.length} rang in the page, ${missed.length} missed, ${calls.filter((call) => call.answered).length} answered, ${calls.filter((call) => call.audio).length} with audio`,
  );
  for (const call of missed)
    console.log(
      `  missed at ${seconds(call.placedAt - startedAt).trim()}${call.during ? ` during ${call.during}` : ''}${call.problem ? `: ${call.problem}` : ''}`,
    );
  const [start, end] = memoryAt;
  console.log('\nmemory                       start        end');
  for (const [label, key] of [
    ['backend RSS', 'backendRss'],
    ['backend JS heap (after GC)', 'backendHeapUsed'],
    ['page renderer RSS', 'rendererRss'],
    ['Chromium, all processes RSS', 'chromiumRss'],
    ['page JS heap (after GC)', 'pageHeapUsed'],
  ])
    console.log(`${label.padEnd(28)} ${megabytes(start?.[key])} ${megabytes(end?.[key])}`);
  console.log(
    `${'page DOM elements'.padEnd(28)} ${String(start?.pageNodes ?? 'n/a').padStart(9)} ${String(end?.pageNodes ?? 'n/a').padStart(9)}`,
  );
  for (const [label, key] of [
    ['backend JS heap', 'backendHeapUsed'],
    ['page JS heap', 'pageHeapUsed'],
  ]) {
    if (!start?.[key] || !end?.[key]) continue;
    const growth = end[key] / start[key] - 1;
    console.log(
      `${label} growth ${(growth * 100).toFixed(1)} % (goal < ${HEAP_GROWTH_GOAL * 100} %: ${growth < HEAP_GROWTH_GOAL ? 'within' : 'OVER'})`,
    );
  }
  console.log('\nwhat was set at the start, at the end');
  for (const check of checks) console.log(`  ${verdict(check.ok)}  ${check.line}`);
};

const main = async () => {
  const startedAt = Date.now();
  const loadAtStart = loadavg();
  const { startDemoOffice } = await loadSupport();
  const nodeOptions = `${process.env['NODE_OPTIONS'] ?? ''} --inspect=127.0.0.1:0`.trim();
  const office = await startDemoOffice({ tunnel: true, webHostEnv: { NODE_OPTIONS: nodeOptions } });
  const log = (line) => console.log(`${stamp(startedAt)} ${line}`);
  let browser;
  let watch;
  let stopping = false;
  let cleaning;
  // Once only: Ctrl+C during the report and the normal end both come here.
  const cleanUp = () =>
    (cleaning ??= (async () => {
      stopping = true;
      watch?.close();
      await browser?.close().catch(() => undefined);
      await office.stop();
    })());
  const interrupted = () => void cleanUp().then(() => process.exit(130));
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  try {
    const { status, host, phone } = office;
    if (!phone) throw new Error('the phone lab did not start; the working day needs it');
    const dataDir = join(status.root, 'scrivania-data');
    const inspector = inspectorAddress(readFileSync(join(status.root, 'web-host.log'), 'utf8'));
    if (!inspector) log("the backend's inspector address was not in its log: its JS heap is not reported");
    watch = await ContractWatch.open(host.url, ['app.status', 'updates.state', 'phone.history', 'phone.preferences', 'meetings.agenda']);
    const checksFor = healthChecks(watch);

    browser = await chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_ARGS, ...FAKE_MEDIA_ARGS], headless: true });
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    const pageErrors = [];
    page.on('pageerror', (error) => pageErrors.push(error.message.split('\n')[0]));
    await watchRinging(page);
    await page.goto(host.url);
    await page.locator('[data-nav="phone"]').click();
    await page.locator('[data-testid="phone-registration"][data-state="registered"]').waitFor({ timeout: 30_000 });
    const cdp = await page.context().newCDPSession(page);
    log('the page is open and the phone registered');

    const dayStart = Date.now();
    const seededIds = await seedHistory(watch, dayStart);
    await watch.request('meetings.setPreferences', { notifyMinutesBefore: 7 });
    await watch.request('phone.setPreferences', { globalShortcuts: false });
    await sleep(2_000);
    const startLogLines = logLines(join(dataDir, 'logs'));
    const memoryAt = [await memory(host.child.pid, inspector, page, cdp)];

    const exclusive = oneAtATime();
    const calls = [];
    let activeFault;
    let callIndex = 0;
    const call = (answer, kind) =>
      exclusive(async () => {
        const during = activeFault;
        const placed = await placeCall(page, phone, { answer });
        placed.kind = kind;
        if (during) placed.during = during;
        calls.push(placed);
        log(
          `${kind} call: ${placed.rang ? 'rang' : 'MISSED'}${placed.answered ? `, answered${placed.audio ? ' with audio' : ' WITHOUT audio'}` : ''}${during ? ` (during ${during})` : ''}${placed.problem ? `: ${placed.problem}` : ''}`,
        );
        return placed;
      });
    const endAt = startedAt + options.minutes * 60_000;
    const callTimer = (async () => {
      await sleep(FIRST_CALL_AFTER_MS);
      while (!stopping && Date.now() < endAt) {
        const next = Date.now() + CALL_EVERY_MS;
        void call(callIndex++ % 2 === 0, 'minute');
        await sleep(Math.max(0, next - Date.now()));
      }
    })();

    await sleep(WARM_UP_MS);
    const restarts = FAULT_ORDER.filter((name) => options.faults.includes(name))
      .map((name) => office.restarts.find((restart) => restart.name === name))
      .filter(Boolean);
    const slotMs = Math.max(30_000, (endAt - Date.now()) / restarts.length);
    const faults = [];
    for (const restart of restarts) {
      const slotEnd = Date.now() + slotMs;
      activeFault = restart.what;
      try {
        faults.push(
          await runFault(restart, checksFor[restart.name], {
            passiveWaitMs: Math.max(30_000, slotMs - 15_000),
            probeCall: () => call(true, 'probe'),
            log,
          }),
        );
      } catch (error) {
        faults.push({ name: restart.name, what: restart.what, health: checksFor[restart.name].what, error: error.message.split('\n')[0] });
        log(`${restart.name}: ${error.message.split('\n')[0]}`);
      }
      activeFault = undefined;
      await sleep(Math.max(0, slotEnd - Date.now()));
    }
    await sleep(Math.max(0, endAt - Date.now()));
    stopping = true;
    await callTimer;
    await exclusive(() => undefined);
    await sleep(2_000);
    memoryAt.push(await memory(host.child.pid, inspector, page, cdp));

    const history = watch.latest.get('phone.history')?.entries ?? [];
    const rangCalls = calls.filter((placed) => placed.rang).length;
    const incoming = history.filter((entry) => entry.direction === 'incoming' && Date.parse(entry.startedAt) >= dayStart - 1_000);
    const onDisk = dataFilesText(dataDir);
    const endLogLines = logLines(join(dataDir, 'logs'));
    const kept = new Set(endLogLines);
    const lostLines = startLogLines.filter((line) => !kept.has(line));
    const tornLines = endLogLines.filter((line) => {
      try {
        JSON.parse(line);
        return false;
      } catch {
        return true;
      }
    });
    const preferences = watch.latest.get('meetings.agenda')?.preferences;
    const checks = [
      {
        ok: seededIds.every((id) => history.some((entry) => entry.id === id) && onDisk.includes(id)),
        line: `the ${seededIds.length} calls recorded at the start: in the history and on disk`,
      },
      {
        ok: incoming.length >= rangCalls,
        line: `${incoming.length} incoming calls in the history for the ${rangCalls} that rang (${incoming.filter((entry) => entry.outcome === 'answered').length} answered, ${incoming.filter((entry) => entry.outcome !== 'answered').length} not)`,
      },
      {
        ok: preferences?.notifyMinutesBefore === 7 && /"notifyMinutesBefore"\s*:\s*7\b/.test(onDisk),
        line: 'meetings reminder 7 minutes before: in the app and on disk',
      },
      {
        ok: watch.latest.get('phone.preferences')?.globalShortcuts === false && /"globalShortcuts"\s*:\s*false/.test(onDisk),
        line: 'phone global shortcuts off: in the app and on disk',
      },
      {
        ok: lostLines.length === 0 && tornLines.length === 0 && endLogLines.length > startLogLines.length,
        line: `logs: the ${startLogLines.length} lines of the start all still there (${lostLines.length} lost), ${endLogLines.length} lines at the end, ${tornLines.length} not JSON`,
      },
      {
        ok: pageErrors.length === 0,
        line: `the page threw ${pageErrors.length} uncaught errors${pageErrors.length ? `: ${pageErrors[0]}` : ''}`,
      },
    ];
    report({ faults, calls, memoryAt, checks, minutes: options.minutes, startedAt, tunnel: status.vpn.mode === 'tunnel', loadAtStart });
  } finally {
    process.off('SIGINT', interrupted);
    process.off('SIGTERM', interrupted);
    await cleanUp();
    console.log('\nstopped everything the working day started');
  }
};

await main();
