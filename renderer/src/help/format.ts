import type { TFunction } from 'i18next';
import type { SelfTestOutcome, SelfTestReport } from '../../../common/contract/help';
import { countOf } from './store';

/** ✓ ! ✗ –, beside the outcome's word so colour is never the only sign. */
export const outcomeMarks: Record<SelfTestOutcome, string> = { pass: '✓', warn: '!', fail: '✗', skipped: '–' };

export const whenText = (iso: string, language: string): string => new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));

/** "everything works", "1 not working, 2 to look at"… */
export const summaryText = (report: SelfTestReport, t: TFunction): string => t(`help.selfTest.summary.${report.outcome}`, { failures: countOf(report, 'fail'), warnings: countOf(report, 'warn') });
