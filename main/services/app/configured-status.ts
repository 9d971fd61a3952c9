import type { CapabilityStatus } from '../../../common/contract';

const notConfigured: CapabilityStatus = { level: 'unconfigured', summary: { key: 'status.notConfigured' } };

/**
 * The status of a capability whose own service is not running yet: ready when the effective configuration has
 * its section, with `detail` naming what it will reach.
 */
export const configuredStatus = (section: unknown, summaryKey: string, detail: (section: Record<string, unknown>) => string | undefined): CapabilityStatus => {
  if (typeof section !== 'object' || section === null || Object.keys(section).length === 0) return notConfigured;
  return { level: 'idle', summary: { key: summaryKey, params: { detail: detail(section as Record<string, unknown>) ?? '' } } };
};
