import type { TFunction } from 'i18next';
import type { SelfTestReport } from '../../../common/contract/help';
import { selfTestSummary } from '../../../common/help/self-test-summary';

export const whenText = (iso: string, language: string): string =>
  new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));

export const summaryText = (report: SelfTestReport, t: TFunction): string => {
  const { key, params } = selfTestSummary(report);
  return t(key, params ?? {});
};
