// `node test/bench/meetings.js`: the meetings figures against their budgets. Not a test: it reports.
//  1. Load and expand a 5,000-event calendar for a two-week window: Scrivania's node-ical-based reader next to
//     ical.js doing the same in the same run.
//  2. Link detection rate over the invitation corpus (invitations per second).
import { build } from 'esbuild';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const EVENTS = Number(process.env.BENCH_EVENTS ?? 5000);
const WARM_RUNS = Number(process.env.BENCH_RUNS ?? 10);
const DETECTION_SECONDS = Number(process.env.BENCH_DETECTION_SECONDS ?? 2);
const ZONE = 'Europe/Rome';

/** The TypeScript modules under test, bundled once for plain Node; node-ical and ical.js stay as installed. */
const loadModules = async () => {
  // Inside the project, so the bundle finds node-ical and ical.js where Node looks for packages.
  const cache = join(root, 'node_modules', '.cache');
  mkdirSync(cache, { recursive: true });
  const dir = mkdtempSync(join(cache, 'scrivania-bench-'));
  const outfile = join(dir, 'meetings-bench.mjs');
  const contents = [
    "export { readCalendar } from './main/services/meetings/calendars/ics-reader';",
    "export { expandEvent } from './main/services/meetings/calendars/occurrences';",
    "export { buildAgenda, LinkFinder } from './main/services/meetings/agenda';",
    "export { createCatalogue } from './main/services/meetings/links/catalogue';",
    "export { detectInInvitation } from './main/services/meetings/links/detect-link';",
    "export { startOfDay, addDays } from './main/services/meetings/zoned-time';",
    "export { generateCalendar, typicalShape } from './test/lab/meetings/generate-calendar';",
  ].join('\n');
  await build({
    stdin: { contents, resolveDir: root, loader: 'ts' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    outfile,
    logLevel: 'warning',
  });
  const started = performance.now();
  const modules = await import(pathToFileURL(outfile).href);
  const ICAL = (await import('ical.js')).default;
  const importMs = performance.now() - started;
  rmSync(dir, { recursive: true, force: true });
  return { ...modules, ICAL, importMs };
};

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const timed = (work) => {
  const started = performance.now();
  const result = work();
  return { ms: performance.now() - started, result };
};

/** Scrivania: pre-filter to the window, node-ical parse, expand; each run reads the text afresh. */
const scrivaniaLoad = (m, text, window) =>
  timed(() => {
    const read = m.readCalendar(text, window);
    return read.events.reduce((count, event) => count + m.expandEvent(event, window, { timeZone: ZONE, floatingZone: ZONE }).length, 0);
  });

/** What the service does: the same, plus link detection, dial-in and filters for every occurrence. */
const scrivaniaAgenda = (m, text, window) =>
  timed(() => {
    const read = m.readCalendar(text, window);
    const agenda = m.buildAgenda(
      [{ id: 'bench', read }],
      { window, timeZone: ZONE, hide: { declined: false, tentative: false, allDay: false }, myAddresses: [] },
      new m.LinkFinder(m.createCatalogue()),
    );
    return agenda.occurrences.length;
  });

/** ical.js: parse, register the file's zones, expand every event over the window with its exceptions. */
const icalJsRun = (ICAL, text, window) =>
  timed(() => {
    const calendar = new ICAL.Component(ICAL.parse(text));
    for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
    const from = ICAL.Time.fromJSDate(new Date(window.from), true);
    const to = ICAL.Time.fromJSDate(new Date(window.to), true);
    const masters = new Map();
    const exceptions = [];
    for (const component of calendar.getAllSubcomponents('vevent')) {
      const event = new ICAL.Event(component);
      if (event.isRecurrenceException()) exceptions.push(event);
      else masters.set(event.uid, event);
    }
    for (const exception of exceptions) masters.get(exception.uid)?.relateException(exception);
    let occurrences = 0;
    for (const event of masters.values()) {
      if (!event.isRecurring()) {
        if (event.startDate.compare(to) < 0 && event.endDate.compare(from) > 0) occurrences++;
        continue;
      }
      const iterator = event.iterator();
      for (let next = iterator.next(); next && next.compare(to) < 0; next = iterator.next()) {
        const details = event.getOccurrenceDetails(next);
        if (details.startDate.compare(to) < 0 && details.endDate.compare(from) > 0) occurrences++;
      }
    }
    return occurrences;
  });

const invitationsCorpus = () => {
  const dir = join(root, 'test', 'fixtures', 'invitations');
  const files = (folder) =>
    readdirSync(folder).flatMap((name) => (statSync(join(folder, name)).isDirectory() ? files(join(folder, name)) : [join(folder, name)]));
  const texts = files(dir)
    .filter((file) => !file.endsWith('.json'))
    .map((file) => readFileSync(file, 'utf8'));
  const corpus = JSON.parse(readFileSync(join(dir, 'corpus.json'), 'utf8'));
  for (const table of Object.values(corpus.services)) {
    table.positive.forEach((url, index) =>
      texts.push(
        index % 2 === 0
          ? `Buongiorno,\nla riunione online è qui: ${url}\nA presto`
          : `<p><a href="${url.replaceAll('&', '&amp;')}">Join the meeting</a></p>`,
      ),
    );
    texts.push(...table.negative);
  }
  return texts;
};

const detectionRate = (m, invitations) => {
  const catalogue = m.createCatalogue();
  for (const text of invitations) m.detectInInvitation(text, catalogue);
  let done = 0;
  let found = 0;
  const started = performance.now();
  while (performance.now() - started < DETECTION_SECONDS * 1000) {
    for (const text of invitations) if (m.detectInInvitation(text, catalogue)) found++;
    done += invitations.length;
  }
  return {
    perSecond: done / ((performance.now() - started) / 1000),
    found: found / (done / invitations.length),
    total: invitations.length,
  };
};

const m = await loadModules();
const text = m.generateCalendar(EVENTS, new Date('2026-03-30T00:00:00Z'), m.typicalShape);
const window = { from: m.startOfDay('2026-03-30', ZONE), to: m.startOfDay('2026-04-13', ZONE) };

const cold = scrivaniaLoad(m, text, window);
const warm = Array.from({ length: WARM_RUNS }, () => scrivaniaLoad(m, text, window));
const agendaRuns = Array.from({ length: WARM_RUNS }, () => scrivaniaAgenda(m, text, window));
const icalCold = icalJsRun(m.ICAL, text, window);
const icalWarm = Array.from({ length: Math.min(3, WARM_RUNS) }, () => icalJsRun(m.ICAL, text, window));
// A busier calendar: one event in ten a weekly series, half of them still running.
const busy = m.generateCalendar(EVENTS, new Date('2026-03-30T00:00:00Z'), { seriesEvery: 10, openEvery: 2 });
const busyRuns = Array.from({ length: Math.min(5, WARM_RUNS) }, () => scrivaniaLoad(m, busy, window));
const busyIcal = icalJsRun(m.ICAL, busy, window);
const detection = detectionRate(m, invitationsCorpus());

const loadMedian = median(warm.map((run) => run.ms));
const rows = [
  [
    `calendar load + expand, ${EVENTS} events, 2 weeks (Scrivania, node-ical)`,
    `${cold.ms.toFixed(0)} ms first, ${loadMedian.toFixed(0)} ms median of ${WARM_RUNS}`,
    '< 300 ms',
    loadMedian < 300,
    `${cold.result} occurrences`,
  ],
  [
    '  …plus links, dial-in and filters (the agenda the service emits)',
    `${median(agendaRuns.map((run) => run.ms)).toFixed(0)} ms median of ${WARM_RUNS}`,
    '',
    undefined,
    `${agendaRuns[0]?.result} occurrences`,
  ],
  [
    `calendar load + expand, ${EVENTS} events, 2 weeks (ical.js, same run)`,
    `${icalCold.ms.toFixed(0)} ms first, ${median(icalWarm.map((run) => run.ms)).toFixed(0)} ms median of ${icalWarm.length}`,
    '',
    undefined,
    `${icalCold.result} occurrences`,
  ],
  [
    `busier calendar (1 in 10 a series, half running): Scrivania / ical.js`,
    `${median(busyRuns.map((run) => run.ms)).toFixed(0)} ms / ${busyIcal.ms.toFixed(0)} ms`,
    '',
    undefined,
    `${busyRuns[0]?.result} / ${busyIcal.result} occurrences`,
  ],
  [
    'link detection',
    `${Math.round(detection.perSecond).toLocaleString('en')} invitations/s`,
    '≥ 10,000/s',
    detection.perSecond >= 10_000,
    `${detection.total} invitations, ${detection.found} with a link`,
  ],
  ['module import (node-ical, ical.js, the bundle), once per process', `${m.importMs.toFixed(0)} ms`, '', undefined, ''],
];
console.log(
  `calendar: ${(text.length / 1024 / 1024).toFixed(1)} MB, ${EVENTS} events, window ${new Date(window.from).toISOString()} – ${new Date(window.to).toISOString()} (${ZONE})`,
);
for (const [name, value, budget, within, note] of rows)
  console.log(
    `${within === undefined ? '      ' : within ? 'within' : 'OVER  '}  ${name}: ${value}${budget ? ` (budget ${budget})` : ''}${note ? `  ${note}` : ''}`,
  );
