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
  'profiles.storage',
  'profiles.configuration',
] as const;

export const credentialProblemCodes = ['credentials.no-keychain', 'credentials.keychain-failed', 'credentials.invalid-request'] as const;

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

export const ProblemCode = z.enum([
  ...genericProblemCodes,
  ...profileProblemCodes,
  ...credentialProblemCodes,
  ...updateProblemCodes,
  ...helpProblemCodes,
  ...settingsProblemCodes,
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
