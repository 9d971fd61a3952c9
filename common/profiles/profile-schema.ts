import { z } from 'zod';
import { OfficePcSection } from '../office-pc/office-pc-config';
import { parsePointer } from './json-pointer';

/**
 * The configuration profile the help desk signs and pushes. Capability sections are loose objects: the services
 * that own them add their fields; a field this schema names is checked, anything else passes through.
 * The top level is strict, so a misspelt `enforced` is an error instead of silently locking nothing.
 */

const DATE_TIME_HINT = 'expected an ISO 8601 date-time such as 2026-01-31T18:00:00Z';

export const IsoDateTime = z.iso.datetime({ offset: true, error: DATE_TIME_HINT });
export const HttpUrl = z.url({ protocol: /^https?$/, error: 'expected an http:// or https:// URL' });
export const WebSocketUrl = z.url({ protocol: /^wss?$/, error: 'expected a ws:// or wss:// URL' });
export const CalendarUrl = z.url({ protocol: /^(https?|webcal)$/, error: 'expected an https://, http:// or webcal:// URL' });

export const JsonPointer = z.string().refine((text) => parsePointer(text).ok, {
  error: (issue) => {
    const parsed = typeof issue.input === 'string' ? parsePointer(issue.input) : undefined;
    return parsed && !parsed.ok ? `expected a JSON pointer: ${parsed.reason}` : 'expected a JSON pointer such as /phone/extension';
  },
});

const Text = (max: number) => z.string().min(1, 'expected a non-empty text').max(max, `expected at most ${max} characters`);

export const USER_FIELD_KEY = /^[A-Za-z][A-Za-z0-9_]*$/;
/** `${user.extension}`: a value the employee types once, substituted into every string of the configuration. */
export const USER_REFERENCE = /\$\{user\.([A-Za-z][A-Za-z0-9_]*)\}/g;

const compiles = (pattern: string): boolean => {
  try {
    new RegExp(pattern, 'u');
    return true;
  } catch {
    return false;
  }
};

export const UserField = z.looseObject({
  key: z.string().regex(USER_FIELD_KEY, 'expected a key of letters, digits and _ starting with a letter'),
  label: z.looseObject({ en: Text(200), it: Text(200) }),
  /** A regular expression the whole value must match, as in HTML's pattern attribute. */
  pattern: z.string().max(500).refine(compiles, 'expected a valid regular expression').optional(),
});
export type UserField = z.infer<typeof UserField>;

export const HelpdeskSection = z.looseObject({
  phone: Text(50).optional(),
  email: z.email({ error: 'expected an email address' }).optional(),
  url: HttpUrl.optional(),
  hours: Text(200).optional(),
});

export const IceServer = z.looseObject({
  urls: z.union([z.string().regex(/^(stuns?|turns?):/, 'expected a stun:, stuns:, turn: or turns: URL'), z.array(z.string().regex(/^(stuns?|turns?):/, 'expected a stun:, stuns:, turn: or turns: URL')).min(1)]),
  username: z.string().optional(),
  credential: z.string().optional(),
});

const FeatureCode = z.string().regex(/^[0-9*#A-D]{1,32}$/, 'expected a feature code of digits, * and # such as *78');

export const PhoneSection = z.looseObject({
  server: WebSocketUrl.optional(),
  domain: Text(253).optional(),
  extension: Text(64).optional(),
  displayName: Text(100).optional(),
  iceServers: z.array(IceServer).optional(),
  featureCodes: z
    .looseObject({
      dndOn: FeatureCode.optional(),
      dndOff: FeatureCode.optional(),
      forwardOn: FeatureCode.optional(),
      forwardOff: FeatureCode.optional(),
      groupLogin: FeatureCode.optional(),
      groupLogout: FeatureCode.optional(),
    })
    .optional(),
  answerGroups: z.array(z.looseObject({ name: Text(100), number: Text(64) })).optional(),
});

export const CalendarEntry = z.looseObject({ id: Text(100), name: Text(200), url: CalendarUrl });
export const LinkEntry = z.looseObject({ title: Text(200), url: HttpUrl });

export const UpdateChannel = z.enum(['stable', 'beta'], { error: 'expected stable or beta' });
export type UpdateChannel = z.infer<typeof UpdateChannel>;

const LOOPBACK_HOSTS = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/;

/**
 * Over plain http whoever sits on the path could serve both a newer latest.yml and the installer its hash names, so
 * only https is accepted, except on this machine's own loopback (a local mirror, the lab).
 */
const UpdateServerUrl = HttpUrl.refine((text) => {
  if (/^https:/i.test(text)) return true;
  // common/ has no URL class: the host is what follows the scheme and any userinfo, up to a port, path or query.
  const host = /^http:\/\/(?:[^@/?#]*@)?(\[[^\]]*\]|[^:/?#]*)/i.exec(text)?.[1] ?? '';
  return LOOPBACK_HOSTS.test(host.toLowerCase());
}, 'expected an https:// URL (plain http only to this machine, 127.0.0.1 or localhost)');

/** Where and how Scrivania updates itself; the descriptions are what the admin templates show for each key. */
export const UpdatesSection = z.looseObject({
  enabled: z
    .boolean({ error: 'expected true or false' })
    .optional()
    .describe('Whether Scrivania checks for, downloads and installs updates itself; false when administrators push installers themselves. Default true.'),
  url: UpdateServerUrl.optional().describe("The organisation's update server (https): the folder holding latest.yml, beta.yml and the installers, e.g. https://updates.example.org/scrivania/."),
  channel: UpdateChannel.optional().describe('stable (latest.yml) or beta (beta.yml). Default stable.'),
  checkEveryHours: z
    .number()
    .int('expected a whole number')
    .min(1, 'expected 1 to 168 hours')
    .max(168, 'expected 1 to 168 hours')
    .optional()
    .describe('Hours between two checks for an update. Default 6.'),
});

/** The parts of a profile that make up the configuration the services read; the rest describes the profile. */
export const configSectionShape = {
  helpdesk: HelpdeskSection,
  vpn: z.looseObject({}),
  officePc: OfficePcSection,
  phone: PhoneSection,
  calendars: z.array(CalendarEntry),
  meetings: z.looseObject({}),
  links: z.array(LinkEntry),
  updates: UpdatesSection,
};
export const configSectionNames = Object.keys(configSectionShape) as (keyof typeof configSectionShape)[];

/** The effective configuration: every section present, built-in defaults filling what nobody set. */
export const ConfigSections = z.strictObject(configSectionShape);
export type ConfigSections = z.infer<typeof ConfigSections>;

const optionalSections = {
  helpdesk: HelpdeskSection.optional(),
  vpn: configSectionShape.vpn.optional(),
  officePc: configSectionShape.officePc.optional(),
  phone: PhoneSection.optional(),
  calendars: configSectionShape.calendars.optional(),
  meetings: configSectionShape.meetings.optional(),
  links: configSectionShape.links.optional(),
  updates: configSectionShape.updates.optional(),
};

export const Profile = z
  .strictObject({
    schemaVersion: z.literal(1, { error: 'expected 1, the only schema version this app reads' }),
    id: Text(200),
    /** Grows with every release of the profile; a lower serial than the active one is a rollback. */
    serial: z.number().int('expected a whole number').positive('expected a positive whole number').max(Number.MAX_SAFE_INTEGER),
    issuedAt: IsoDateTime,
    expiresAt: IsoDateTime,
    organization: z.looseObject({ name: Text(200) }),
    ...optionalSections,
    /** JSON pointers into the configuration the employee may not change. */
    enforced: z.array(JsonPointer).default([]),
    userFields: z
      .array(UserField)
      .default([])
      .refine((fields) => new Set(fields.map((field) => field.key)).size === fields.length, 'expected each userFields key only once'),
  })
  .refine((profile) => Date.parse(profile.expiresAt) > Date.parse(profile.issuedAt), { path: ['expiresAt'], error: 'expected a date-time after issuedAt' });
export type Profile = z.infer<typeof Profile>;

export const SIGNATURE_ALGORITHM = 'Ed25519';

export const ProfileSignature = z.strictObject({
  keyId: z.string().regex(/^[0-9a-f]{16}$/, 'expected 16 lowercase hex characters'),
  alg: z.literal(SIGNATURE_ALGORITHM, { error: `expected "${SIGNATURE_ALGORITHM}"` }),
  value: z.base64({ error: 'expected a base64 signature' }),
});
export type ProfileSignature = z.infer<typeof ProfileSignature>;

/**
 * A signed file as it travels: the profile is kept as the raw JSON that was signed, because the signature covers
 * its canonical form, not what the schema makes of it.
 */
export const SignedProfileEnvelope = z.looseObject({
  profile: z.record(z.string(), z.unknown()),
  signature: ProfileSignature,
});
export interface SignedProfileEnvelope {
  profile: Record<string, unknown>;
  signature: ProfileSignature;
}

type Issue = z.core.$ZodIssue;

const formatPath = (root: string, path: readonly PropertyKey[]): string => {
  const text = path.map((part) => (typeof part === 'number' ? `[${part}]` : `.${String(part)}`)).join('');
  if (root === '') return text.startsWith('.') ? text.slice(1) : text || '(root)';
  return `${root}${text}`;
};

/** zod's own wording without its "Invalid input:" style prefixes, starting in lower case. */
const plainMessage = (message: string): string => {
  const stripped = message.replace(/^(Invalid input|Invalid option|Too small|Too big|Invalid string|Invalid value):\s*/i, '');
  if (/, received undefined$/.test(stripped)) return `required: ${stripped.replace(/, received undefined$/, '')}`;
  return stripped.charAt(0).toLowerCase() + stripped.slice(1);
};

const describeIssue = (issue: Issue): { path: readonly PropertyKey[]; what: string } => {
  if (issue.code === 'unrecognized_keys') {
    const [first] = issue.keys;
    return { path: first === undefined ? issue.path : [...issue.path, first], what: 'unknown key: not part of schema version 1 (check the spelling)' };
  }
  if (issue.code === 'invalid_key' || issue.code === 'invalid_element') {
    // A record key (or map element) that failed its own schema: the reason is inside.
    const [inner] = issue.issues;
    if (inner) return { path: issue.path, what: plainMessage(inner.message) };
  }
  if (issue.code === 'invalid_union') {
    const expected = issue.errors.map((branch) => branch[0]).filter((inner): inner is Issue => inner?.code === 'invalid_type' && inner.path.length === 0);
    if (expected.length === issue.errors.length && expected.length > 0) {
      return { path: issue.path, what: `expected ${expected.map((inner) => (inner.code === 'invalid_type' ? inner.expected : '')).join(' or ')}` };
    }
    const deeper = issue.errors.map((branch) => branch[0]).find((inner): inner is Issue => inner !== undefined && inner.path.length > 0);
    if (deeper) {
      const inner = describeIssue(deeper);
      return { path: [...issue.path, ...inner.path], what: inner.what };
    }
  }
  return { path: issue.path, what: plainMessage(issue.message) };
};

const oneLine = (text: string): string => text.replace(/\s+/g, ' ').trim();

/** Every issue of a failed parse, one line each: `profile.phone.server: expected a ws:// or wss:// URL`. */
export const formatSchemaIssues = (error: z.ZodError, root = ''): string[] =>
  error.issues.map((issue) => {
    const { path, what } = describeIssue(issue);
    return oneLine(`${formatPath(root, path)}: ${what}`);
  });

/** The first issue of a failed parse as one line naming the JSON path and what was expected there. */
export const formatSchemaError = (error: z.ZodError, root = ''): string => formatSchemaIssues(error, root)[0] ?? `${root || '(root)'}: invalid`;
