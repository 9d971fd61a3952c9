import { z } from 'zod';

/**
 * Every reason main gives the employee for something that did not happen, as a code and the values its sentence
 * names. The renderer's catalogue (renderer/src/errors) turns each code into a sentence of what happened and what
 * to do, in the employee's language, under `error.<capability>.<name>` in assets/locales; the technical line
 * travels beside it (ContractError's message) for the "Details" disclosure and the logs.
 *
 * A capability adds its own list here and spreads it into ProblemCode; test/unit/errors fails on a code without
 * both an English and an Italian sentence.
 */

/** Whatever could not be told more precisely: the sentence asks to try again, then to show the details to the help desk. */
export const genericProblemCodes = ['generic.failed', 'generic.closed', 'generic.bad-request', 'generic.forbidden'] as const;

export const profileProblemCodes = [
  'profiles.too-large',
  'profiles.not-json',
  'profiles.unsigned',
  'profiles.not-a-profile',
  'profiles.untrusted-key',
  'profiles.bad-signature',
  'profiles.invalid',
  'profiles.expired',
  'profiles.not-yet-valid',
  'profiles.older',
  'profiles.same-serial',
  'profiles.address-invalid',
  'profiles.address-scheme',
  'profiles.address-clear-text',
  'profiles.address-reserved',
  'profiles.unreachable',
  'profiles.timed-out',
  'profiles.not-found',
  'profiles.server-error',
  'profiles.response-too-large',
  'profiles.redirect-refused',
  'profiles.not-stored',
  'profiles.preview-gone',
  'profiles.no-profile',
  'profiles.user-field-unknown',
  'profiles.user-field-invalid',
  'profiles.user-field-empty',
  'profiles.locked-by-policy',
  'profiles.locked-by-profile',
  'profiles.setting-invalid',
  'profiles.policy-ignored',
  'profiles.trusted-key-unreadable',
  'profiles.stored-not-applied',
  'profiles.last-good-used',
  'profiles.last-good-fetching',
  'profiles.storage',
  'profiles.configuration',
] as const;

export const credentialProblemCodes = [
  'credentials.no-keychain',
  'credentials.keychain-failed',
  'credentials.keychain-locked',
  'credentials.keychain-refused',
  'credentials.invalid-request',
  'credentials.remove-failed',
] as const;

export const updateProblemCodes = [
  'updates.unreachable',
  'updates.invalid-feed',
  'updates.refused',
  'updates.invalid-config',
  'updates.failed',
  'updates.disabled',
  'updates.unconfigured',
  'updates.cannot-install-here',
  'updates.nothing-downloaded',
] as const;

export const helpProblemCodes = [
  'help.bundle-not-written',
  'help.bundle-missing',
  'help.bundle-name',
  'help.no-helpdesk-email',
  'help.email-failed',
  'help.reveal-failed',
  'help.download-failed',
  'help.self-test-failed',
  'help.call-failed',
] as const;

export const settingsProblemCodes = ['settings.phone-links-failed'] as const;

export const phoneProblemCodes = [
  'phone.not-configured',
  'phone.no-call',
  'phone.not-signed-in',
  'phone.too-many-calls',
  'phone.not-a-number',
  'phone.nothing-to-redial',
  'phone.registration-refused',
  'phone.registration-failed',
  'phone.pbx-unreachable',
  'phone.password-needed',
  'phone.password-refused',
  'phone.no-microphone',
  'phone.call-not-found',
  'phone.call-busy',
  'phone.call-unavailable',
  'phone.call-refused',
  'phone.call-service-unavailable',
  'phone.call-failed',
  'phone.transfer-failed',
  'phone.feature-not-set-up',
  'phone.feature-refused',
  'phone.feature-failed',
  'phone.request-failed',
  'phone.history-damaged',
] as const;

export const officePcProblemCodes = [
  'officePc.wrong-credentials',
  'officePc.access-denied',
  'officePc.unreachable',
  'officePc.nla-refused',
  'officePc.certificate-new',
  'officePc.certificate-changed',
  'officePc.certificate-pinned',
  'officePc.no-password',
  'officePc.relay',
  'officePc.dropped',
  'officePc.general',
  'officePc.session-ended',
  'officePc.not-configured',
  'officePc.needs-details',
  'officePc.invalid-config',
  'officePc.session-gone',
  'officePc.certificate-not-asked',
  'officePc.certificate-locked',
] as const;

export const meetingsProblemCodes = [
  'meetings.link-not-openable',
  'meetings.phone-not-set-up',
  'meetings.no-dial-in',
  'meetings.no-link',
  'meetings.not-found',
  'meetings.calendars-locked',
  'meetings.too-many-calendars',
  'meetings.calendar-from-profile',
  'meetings.no-such-calendar',
  'meetings.preference-locked',
  'meetings.no-such-service',
  'meetings.calendar-address-invalid',
  'meetings.calendar-name-empty',
  'meetings.calendar-clear-text',
  'meetings.calendar-reserved',
  'meetings.calendar-no-secret',
  'meetings.calendar-credentials',
  'meetings.calendar-gone',
  'meetings.calendar-slow-down',
  'meetings.calendar-server-error',
  'meetings.calendar-http',
  'meetings.calendar-timed-out',
  'meetings.calendar-refused',
  'meetings.calendar-name-not-found',
  'meetings.calendar-closed',
  'meetings.calendar-certificate',
  'meetings.calendar-unreachable',
  'meetings.calendar-too-large',
  'meetings.calendar-redirects',
  'meetings.calendar-not-ics',
  'meetings.calendar-file-missing',
  'meetings.calendar-file-unreadable',
  'meetings.calendar-failed',
  'meetings.request-failed',
] as const;

export const vpnProblemCodes = [
  'vpn.not-configured',
  'vpn.status-only',
  'vpn.driver-missing',
  'vpn.connect-failed',
  'vpn.disconnect-failed',
  'vpn.management-unreachable',
  'vpn.management-password',
  'vpn.management-refused',
  'vpn.action-failed',
] as const;

export const ProblemCode = z.enum([
  ...genericProblemCodes,
  ...profileProblemCodes,
  ...credentialProblemCodes,
  ...updateProblemCodes,
  ...helpProblemCodes,
  ...settingsProblemCodes,
  ...phoneProblemCodes,
  ...officePcProblemCodes,
  ...meetingsProblemCodes,
  ...vpnProblemCodes,
]);
export type ProblemCode = z.infer<typeof ProblemCode>;

/** Names, numbers and dates a sentence quotes; short, never a whole input. */
export const ProblemParams = z.record(z.string().max(40), z.union([z.string().max(300), z.number()]));
export type ProblemParams = z.infer<typeof ProblemParams>;

export const Problem = z.object({ code: ProblemCode, params: ProblemParams.optional() }).strict();
export type Problem = z.infer<typeof Problem>;

/** A problem as state carries it (a last check, a policy that was ignored): the code, and the technical line for Details. */
export const ProblemReport = Problem.extend({ detail: z.string() }).strict();
export type ProblemReport = z.infer<typeof ProblemReport>;

export const problem = (code: ProblemCode, params?: ProblemParams): Problem => (params === undefined ? { code } : { code, params });

export const problemReport = (code: ProblemCode, detail: string, params?: ProblemParams): ProblemReport =>
  params === undefined ? { code, detail } : { code, params, detail };
