import { notConfiguredStatus, type CapabilityStatus } from '../../../common/contract';

/**
 * The status of a capability whose own service is not running yet: ready when the effective configuration has
 * its section, with `detail` naming what it will reach.
 */
export const configuredStatus = (section: unknown, summaryKey: string, detail: (section: Record<string, unknown>) => string | undefined): CapabilityStatus => {
  if (typeof section !== 'object' || section === null || Object.keys(section).length === 0) return notConfiguredStatus;
  return { level: 'idle', summary: { key: summaryKey, params: { detail: detail(section as Record<string, unknown>) ?? '' } } };
};
