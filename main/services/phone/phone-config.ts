import { notConfiguredStatus, type CapabilityStatus } from '../../../common/contract';
import type { LiveCall, PhoneConfigView, RegistrationReport } from '../../../common/contract/phone';
import { phoneFeatures } from '../../../common/phone/feature-codes';
import { PhoneSection } from '../../../common/profiles/profile-schema';

const required = ['server', 'domain', 'extension'] as const;

const emptyView = (): PhoneConfigView => ({ configured: false, missing: [...required], iceServers: [], answerGroups: [], features: [] });

/** The effective profile's phone section as the pane needs it; anything unreadable counts as absent. */
export const phoneConfigView = (section: unknown): PhoneConfigView => {
  const parsed = PhoneSection.safeParse(section ?? {});
  if (!parsed.success) return emptyView();
  const phone = parsed.data;
  const missing = required.filter((key) => !phone[key]);
  const codes = phone.featureCodes ?? {};
  return {
    configured: missing.length === 0,
    missing,
    ...(phone.server ? { server: phone.server } : {}),
    ...(phone.domain ? { domain: phone.domain } : {}),
    ...(phone.extension ? { extension: phone.extension } : {}),
    ...(phone.displayName ? { displayName: phone.displayName } : {}),
    iceServers: (phone.iceServers ?? []).map((server) => ({
      urls: server.urls,
      ...(server.username !== undefined ? { username: server.username } : {}),
      ...(server.credential !== undefined ? { credential: server.credential } : {}),
    })),
    answerGroups: (phone.answerGroups ?? []).map((group) => ({ name: group.name, number: group.number })),
    features: phoneFeatures.filter((feature) => typeof codes[feature] === 'string'),
  };
};

/** Whether the profile has a phone section at all: an empty one is "not configured", a partial one a warning. */
const hasSection = (section: unknown): boolean => typeof section === 'object' && section !== null && Object.keys(section).length > 0;

/** Which call the status names when there are two: the one that needs the employee most. */
const callOrder: LiveCall['state'][] = ['ringing', 'active', 'held', 'early', 'calling'];

const summaryKeys: Record<LiveCall['state'], string> = {
  ringing: 'phone.status.ringing',
  active: 'phone.status.inCall',
  held: 'phone.status.onHold',
  early: 'phone.status.calling',
  calling: 'phone.status.calling',
};

/** "In a call with …", "… is calling", "… on hold", "Calling …": a call in progress is the phone's status. */
export const callStatus = (calls: readonly LiveCall[]): CapabilityStatus | undefined => {
  const call = callOrder.flatMap((state) => calls.filter((candidate) => candidate.state === state))[0];
  if (!call) return undefined;
  const who = call.name ? `${call.name} (${call.number})` : call.number;
  const key = summaryKeys[call.state];
  return {
    level: 'busy',
    summary: call.divertedFrom ? { key: `${key}For`, params: { who, line: call.divertedFrom } } : { key, params: { who } },
  };
};

/** The phone card's status from the profile and what the renderer's user agent last reported. */
export const phoneStatus = (
  section: unknown,
  config: PhoneConfigView,
  registration: RegistrationReport,
  calls: readonly LiveCall[] = [],
): CapabilityStatus => {
  if (!hasSection(section)) return notConfiguredStatus;
  if (!config.configured)
    return { level: 'warning', summary: { key: 'phone.status.incomplete', params: { missing: config.missing.join(', ') } } };
  const inCall = callStatus(calls);
  if (inCall) return inCall;
  const extension = config.extension ?? '';
  switch (registration.state) {
    // Not signed in, diverted calls do not arrive: however deliberate, the employee must not read it as working.
    case 'off':
      return { level: 'warning', summary: { key: 'status.phoneOff', params: { extension } } };
    case 'connecting':
    case 'registering':
      return { level: 'busy', summary: { key: 'phone.status.registering', params: { extension } } };
    case 'registered':
      return { level: 'ok', summary: { key: 'phone.status.registered', params: { extension } } };
    case 'failed':
      return { level: 'error', summary: failureSummary(registration, extension) };
  }
};

/** SIP answers that mean the password (or the account) was refused. */
const REFUSED_CODES = new Set([401, 403, 407]);

/** Why the phone could not sign in, in the card's words: the registrar's own reason phrase stays in the Phone pane's Details. */
const failureSummary = (report: RegistrationReport, extension: string): CapabilityStatus['summary'] => {
  if (report.code === undefined) return { key: 'phone.status.unreachable', params: { extension } };
  if (REFUSED_CODES.has(report.code)) return { key: 'phone.status.refused', params: { extension } };
  return { key: 'phone.status.failed', params: { extension, code: report.code } };
};

/**
 * The origin the renderer's CSP must let it open a WebSocket to: the configured server's scheme, host and port
 * (CSP matches no path for ws: sources we need). Nothing when the server is unset or not ws/wss.
 */
export const phoneConnectSources = (config: PhoneConfigView): string[] => {
  if (!config.server) return [];
  try {
    const url = new URL(config.server);
    if (url.protocol !== 'ws:' && url.protocol !== 'wss:') return [];
    return [`${url.protocol}//${url.host}`];
  } catch {
    return [];
  }
};
