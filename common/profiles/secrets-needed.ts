import type { SecretId } from '../contract/credentials';

export interface NeededSecret {
  id: SecretId;
  /** Translation key of what the secret is for, e.g. "the office PC". */
  labelKey: string;
  params?: Record<string, string>;
}

const hasContent = (section: unknown): boolean => typeof section === 'object' && section !== null && Object.keys(section).length > 0;

/** The passwords a configuration needs from the employee, in the order the onboarding asks for them. */
export const secretsNeeded = (config: Record<string, unknown>): NeededSecret[] => {
  const needed: NeededSecret[] = [];
  if (hasContent(config['officePc'])) needed.push({ id: 'office-pc', labelKey: 'secrets.officePc' });
  if (hasContent(config['phone'])) needed.push({ id: 'phone', labelKey: 'secrets.phone' });
  const vpn = config['vpn'] as { driver?: { kind?: string; passwordRequired?: boolean } } | undefined;
  if (vpn?.driver?.passwordRequired) needed.push({ id: 'vpn', labelKey: 'secrets.vpn' });
  const calendars = Array.isArray(config['calendars']) ? (config['calendars'] as { id?: unknown; name?: unknown; auth?: unknown }[]) : [];
  for (const calendar of calendars) {
    if (!calendar.auth || typeof calendar.id !== 'string') continue;
    needed.push({ id: `calendar:${calendar.id}`, labelKey: 'secrets.calendar', params: { name: String(calendar.name ?? calendar.id) } });
  }
  return needed;
};
