import type { SelfTestCheck, SelfTestCheckId, SelfTestOutcome, SelfTestReport } from '../../../../common/contract/help';
import { detailLine, type CheckContext, type SelfTestCheckDefinition } from './check';
import { seconds } from '../../text/seconds';
import { oneLineMessageOf } from '../../../../common/error-message';

const severity: Record<SelfTestOutcome, number> = { skipped: 0, pass: 1, warn: 2, fail: 3 };

/** The worst outcome: one failure fails the whole; only skipped checks make a skipped whole. */
export const worstOutcome = (checks: readonly Pick<SelfTestCheck, 'outcome'>[]): SelfTestOutcome =>
  checks.reduce<SelfTestOutcome>((worst, check) => (severity[check.outcome] > severity[worst] ? check.outcome : worst), 'skipped');

class CheckTimedOut extends Error {}

const TIMED_OUT_KEY = 'help.selfTest.timedOut.meaning';

const timedOut = (ms: number): Omit<SelfTestCheck, 'id' | 'ms'> => ({
  outcome: 'fail',
  meaning: { key: TIMED_OUT_KEY, params: { seconds: seconds(ms) } },
  action: { key: 'help.selfTest.timedOut.action' },
  detail: `no result within ${seconds(ms)} s`,
});

const crashed = (error: unknown): Omit<SelfTestCheck, 'id' | 'ms'> => ({
  outcome: 'fail',
  meaning: { key: 'help.selfTest.crashed.meaning' },
  action: { key: 'help.selfTest.crashed.action' },
  detail: detailLine(oneLineMessageOf(error)),
});

const outOfTime = (): Omit<SelfTestCheck, 'id' | 'ms'> => ({
  outcome: 'fail',
  meaning: { key: 'help.selfTest.outOfTime.meaning' },
  action: { key: 'help.selfTest.timedOut.action' },
});

export interface RunOptions {
  now: () => Date;
  /** The whole run's limit: checks that would start after it are reported as not checked. */
  overallTimeoutMs: number;
  /** Told after each check, for progress. */
  onCheck?: (check: SelfTestCheck) => void;
}

type SharedContext = Omit<CheckContext, 'timeoutMs' | 'signal' | 'earlier'>;

/** Runs one check within its time; its exception or its hang becomes a failure, never the run's. */
const runOne = async (
  definition: SelfTestCheckDefinition,
  shared: SharedContext,
  earlier: ReadonlyMap<SelfTestCheckId, SelfTestCheck>,
  timeoutMs: number,
): Promise<SelfTestCheck> => {
  const started = performance.now();
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      controller.abort(new CheckTimedOut());
      reject(new CheckTimedOut());
    }, timeoutMs);
  });
  let result: Omit<SelfTestCheck, 'id' | 'ms'>;
  try {
    result = await Promise.race([definition.run({ ...shared, timeoutMs, signal: controller.signal, earlier }), deadline]);
  } catch (error) {
    result = error instanceof CheckTimedOut ? timedOut(timeoutMs) : crashed(error);
  } finally {
    clearTimeout(timer);
  }
  return { id: definition.id, ...result, ms: Math.round(performance.now() - started) };
};

/** Every check in order, each within its own time and all within the overall time. */
export const runChecks = async (
  definitions: readonly SelfTestCheckDefinition[],
  shared: SharedContext,
  options: RunOptions,
): Promise<SelfTestReport> => {
  const startedAt = options.now();
  const startedMs = performance.now();
  const earlier = new Map<SelfTestCheckId, SelfTestCheck>();
  let expired = false;
  for (const definition of definitions) {
    const left = options.overallTimeoutMs - (performance.now() - startedMs);
    const own = definition.timeoutMs;
    const check =
      expired || left <= 0 ? { id: definition.id, ...outOfTime(), ms: 0 } : await runOne(definition, shared, earlier, Math.min(own, left));
    // A check cut short by the overall limit used up the time, whatever the clocks say to the microsecond.
    if (left < own && check.meaning.key === TIMED_OUT_KEY) expired = true;
    earlier.set(check.id, check);
    options.onCheck?.(check);
  }
  const checks = [...earlier.values()];
  return { startedAt: startedAt.toISOString(), finishedAt: options.now().toISOString(), outcome: worstOutcome(checks), checks };
};
