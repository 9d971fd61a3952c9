import type { LocalizedMessage } from '../contract/app';
import type { SelfTestOutcome, SelfTestReport } from '../contract/help';

/** ✓ ! ✗ –, beside the outcome's word so colour is never the only sign. */
export const outcomeMarks: Record<SelfTestOutcome, string> = { pass: '✓', warn: '!', fail: '✗', skipped: '–' };

export const countOf = (report: SelfTestReport, outcome: SelfTestOutcome): number =>
  report.checks.filter((check) => check.outcome === outcome).length;

/** "no problems found", "2 to fix, 1 to look at"…: the dashboard's and the CLI's one line about a whole run. */
export const selfTestSummary = (report: SelfTestReport): LocalizedMessage => {
  const failures = countOf(report, 'fail');
  const warnings = countOf(report, 'warn');
  const situation = report.outcome === 'fail' && warnings === 0 ? 'failOnly' : report.outcome;
  return { key: `help.selfTest.summary.${situation}`, params: { failures, warnings } };
};
