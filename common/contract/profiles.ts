import { z } from 'zod';
import { HttpUrl, JsonPointer, UserField, USER_FIELD_KEY } from '../profiles/profile-schema';
import { event, request } from './define';
import { Problem, ProblemReport } from './problems';

/** How the active profile arrived: a file the employee picked, a URL, a scrivania:// link, or the OS policy's URL. */
export const ProfileSource = z.enum(['file', 'url', 'link', 'policy']);
export type ProfileSource = z.infer<typeof ProfileSource>;

/** The outcome of the last import or poll. */
export const CheckResult = z.enum(['applied', 'already-active', 'not-modified', 'refused', 'failed']);
export type CheckResult = z.infer<typeof CheckResult>;

export const LastCheck = z.object({
  at: z.iso.datetime({ offset: true }),
  result: CheckResult,
  /** One line for refused and failed: what was wrong, for Details and the logs. */
  reason: z.string().optional(),
  /** For refused and failed: what the employee is told. */
  problem: Problem.optional(),
});
export type LastCheck = z.infer<typeof LastCheck>;

export const ProfileSummary = z.object({
  organization: z.string(),
  id: z.string(),
  serial: z.number().int().positive(),
  issuedAt: z.string(),
  expiresAt: z.string(),
  keyId: z.string(),
  source: ProfileSource,
  lastCheck: LastCheck.nullable(),
});
export type ProfileSummary = z.infer<typeof ProfileSummary>;

export const ProfileLock = z.discriminatedUnion('by', [
  z.object({ by: z.literal('policy') }),
  z.object({ by: z.literal('profile'), organization: z.string() }),
]);

export const EffectiveConfigView = z.object({
  /** The sections the services read: helpdesk, vpn, officePc, phone, calendars, meetings, links, updates. */
  config: z.record(z.string(), z.unknown()),
  /** JSON pointer → who locked it; the UI disables these fields and says who to ask. */
  locks: z.record(z.string(), ProfileLock),
  userFields: z.array(UserField.extend({ value: z.string().optional() })),
  missingUserFields: z.array(z.string()),
  problems: z.array(z.string()),
});
export type EffectiveConfigView = z.infer<typeof EffectiveConfigView>;

export const ProfilesState = z.object({
  current: ProfileSummary.nullable(),
  effective: EffectiveConfigView,
  /** The last import or poll, also when no profile is active yet. */
  lastCheck: LastCheck.nullable(),
  /** Policy, key and storage problems, each with its technical line. */
  problems: z.array(ProblemReport),
  /** A profile handed to Scrivania by a scrivania:// link or an opened file, verified and waiting for the employee's yes. */
  offered: z.lazy(() => ProfilePreview).nullable(),
});
export type ProfilesState = z.infer<typeof ProfilesState>;

/** base64 of at most 1 MB, the profile size limit, with room for padding. */
const MAX_IMPORT_BASE64 = Math.ceil((1024 * 1024) / 3) * 4;

export const ProfileImportRequest = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('file'),
    contentBase64: z
      .base64({ error: 'expected the file content in base64' })
      .max(MAX_IMPORT_BASE64, 'expected a profile file of at most 1 MB'),
  }),
  z.object({ kind: z.literal('url'), url: HttpUrl }),
]);
export type ProfileImportRequest = z.infer<typeof ProfileImportRequest>;

/** A part of Scrivania a profile sets up, with the server or name it points at when that reads the same for everyone. */
export const PreviewSection = z.object({ name: z.string(), detail: z.string().optional() });

/**
 * A profile verified (trusted key, signature, schema, dates, serial) but not installed: what the employee checks
 * before saying "Install" or "This is not my organisation".
 */
export const ProfilePreview = z.object({
  previewId: z.string().min(1).max(100),
  organization: z.string(),
  id: z.string(),
  serial: z.number().int().positive(),
  issuedAt: z.string(),
  expiresAt: z.string(),
  keyId: z.string(),
  /** SHA-256 of the signing key, in groups of four hex digits; its start is the keyId. */
  fingerprint: z.string(),
  source: ProfileSource,
  sections: z.array(PreviewSection),
  /** The labels of the values it will ask the employee to type. */
  userFields: z.array(z.object({ en: z.string(), it: z.string() })),
  /** The same profile is already installed: installing changes nothing. */
  alreadyActive: z.boolean(),
  /** The installed profile it would replace, when that one is another organisation's. */
  replaces: z.object({ organization: z.string(), serial: z.number() }).nullable(),
});
export type ProfilePreview = z.infer<typeof ProfilePreview>;

const PreviewId = z.object({ previewId: z.string().min(1).max(100) }).strict();

export const profilesContract = {
  /** Verifies a profile without installing it; `profiles.install` then installs exactly what was shown. */
  'profiles.preview': request(ProfileImportRequest, ProfilePreview),
  'profiles.install': request(PreviewId, ProfileSummary),
  /** "This is not my organisation": the preview is forgotten; false when it was already gone. */
  'profiles.discard': request(PreviewId, z.object({ discarded: z.boolean() })),
  'profiles.current': request(z.object({}).strict(), ProfileSummary.nullable()),
  'profiles.import': request(ProfileImportRequest, ProfileSummary),
  'profiles.effective': request(z.object({}).strict(), EffectiveConfigView),
  /** A value of the user's own; without `value` the pointer goes back to the profile's or the built-in default. */
  'profiles.setUserValue': request(z.object({ pointer: JsonPointer, value: z.unknown().optional() }).strict(), EffectiveConfigView),
  'profiles.setUserField': request(
    z.object({ key: z.string().regex(USER_FIELD_KEY), value: z.string().max(500) }).strict(),
    EffectiveConfigView,
  ),
  'profiles.changed': event(ProfilesState, { retained: true }),
};
