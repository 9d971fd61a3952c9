import { FORBIDDEN_KEYS, getAt, parsePointer } from '../../../common/profiles/json-pointer';
import { configSectionNames, formatSchemaIssues, Profile, USER_REFERENCE } from '../../../common/profiles/profile-schema';
import { isRecord, withoutReservedKeys } from '../storage/safe-json';
import { travelsInClear } from '../../../common/net/clear-text';
import { clearTextRefusal, httpUrlOf } from '../meetings/calendars/http-provider';
import { redactUrl } from '../net/checked-redirects';
import { CLOCK_SKEW_MS } from './profile-verifier';

export interface LintReport {
  /** Schema errors (the profile would be refused) and calendars that would send credentials in clear (never fetched). */
  errors: string[];
  /** Things that are valid but probably not what the help desk meant. */
  warnings: string[];
  profile?: Profile;
}

const EXPIRY_WARNING_DAYS = 14;
const DAY_MS = 86_400_000;

/** A signed envelope's profile, or the document itself when it is a bare profile. */
export const profilePart = (json: unknown): unknown =>
  isRecord(json) && 'signature' in json && 'profile' in json ? json['profile'] : json;

const reservedKeyPaths = (value: unknown, path: string): string[] => {
  if (Array.isArray(value)) return value.flatMap((item, index) => reservedKeyPaths(item, `${path}[${index}]`));
  if (!isRecord(value)) return [];
  return Object.keys(value).flatMap((key) =>
    FORBIDDEN_KEYS.has(key) ? [`${path}.${key}`] : reservedKeyPaths(value[key], `${path}.${key}`),
  );
};

const referencedUserKeys = (value: unknown, found = new Set<string>()): Set<string> => {
  if (typeof value === 'string') for (const match of value.matchAll(USER_REFERENCE)) found.add(match[1] as string);
  else if (Array.isArray(value)) value.forEach((item) => referencedUserKeys(item, found));
  else if (isRecord(value)) Object.values(value).forEach((item) => referencedUserKeys(item, found));
  return found;
};

/** Every string in the configuration that is an http:// or ws:// address, with its path. */
const plainAddresses = (value: unknown, path: string): { path: string; url: string }[] => {
  if (typeof value === 'string') return /^(https?|wss?):\/\//i.test(value) ? [{ path, url: value }] : [];
  if (Array.isArray(value)) return value.flatMap((item, index) => plainAddresses(item, `${path}[${index}]`));
  if (!isRecord(value)) return [];
  return Object.keys(value).flatMap((key) => plainAddresses(value[key], `${path}.${key}`));
};

const parsedUrl = (text: string): URL | undefined => {
  try {
    return httpUrlOf(text);
  } catch {
    return undefined;
  }
};

/** Calendars that would send a password, token or secret address in clear: Scrivania refuses to fetch them. */
const clearTextErrors = (profile: Profile): { errors: string[]; paths: Set<string> } => {
  const errors: string[] = [];
  const paths = new Set<string>();
  (profile.calendars ?? []).forEach((calendar, index) => {
    const url = parsedUrl(calendar.url);
    const refusal = url && clearTextRefusal(url, calendar['auth'] !== undefined);
    if (!refusal) return;
    const path = `profile.calendars[${index}].url`;
    paths.add(path);
    errors.push(`${path}: ${redactUrl(calendar.url)}: ${refusal}`);
  });
  return { errors, paths };
};

const configOf = (profile: Profile): Record<string, unknown> =>
  Object.fromEntries(configSectionNames.filter((section) => profile[section] !== undefined).map((section) => [section, profile[section]]));

/**
 * Schema errors and calendars that would send credentials in clear, then warnings: expiry soon or past, issued in
 * the future, addresses over plain http, enforced pointers that lock nothing, unused userFields.
 */
export const lintProfile = (json: unknown, now: Date): LintReport => {
  const raw = profilePart(json);
  const warnings = reservedKeyPaths(raw, 'profile').map((path) => `${path}: reserved key, ignored`);
  const parsed = Profile.safeParse(withoutReservedKeys(raw));
  if (!parsed.success) return { errors: formatSchemaIssues(parsed.error, 'profile'), warnings };
  const profile = parsed.data;

  const expires = Date.parse(profile.expiresAt);
  if (expires <= now.getTime()) warnings.push(`profile.expiresAt: expired on ${profile.expiresAt}`);
  else if (expires - now.getTime() < EXPIRY_WARNING_DAYS * DAY_MS)
    warnings.push(`profile.expiresAt: expires in less than ${EXPIRY_WARNING_DAYS} days, on ${profile.expiresAt}`);
  if (Date.parse(profile.issuedAt) > now.getTime() + CLOCK_SKEW_MS)
    warnings.push(`profile.issuedAt: ${profile.issuedAt} is in the future: Scrivania refuses the profile until then`);
  else if (Date.parse(profile.issuedAt) > now.getTime()) warnings.push(`profile.issuedAt: ${profile.issuedAt} is in the future`);

  const config = configOf(profile);
  const inClear = clearTextErrors(profile);
  for (const { path, url } of plainAddresses(config, 'profile'))
    if (!inClear.paths.has(path) && travelsInClear(url))
      warnings.push(`${path}: ${redactUrl(url)} travels unencrypted over the network: use ${/^ws/i.test(url) ? 'wss://' : 'https://'}`);
  profile.enforced.forEach((pointer, index) => {
    const parsedPointer = parsePointer(pointer);
    if (!parsedPointer.ok) return;
    if (!(configSectionNames as string[]).includes(parsedPointer.segments[0] ?? '')) {
      warnings.push(`profile.enforced[${index}]: ${pointer} is not part of the configuration (${configSectionNames.join(', ')})`);
    } else if (!getAt(config, parsedPointer.segments).found) {
      warnings.push(`profile.enforced[${index}]: ${pointer} points at nothing in this profile, so it locks the built-in default`);
    }
  });

  const referenced = referencedUserKeys(config);
  const declared = new Set(profile.userFields.map((field) => field.key));
  profile.userFields.forEach((field, index) => {
    if (!referenced.has(field.key))
      warnings.push(`profile.userFields[${index}]: "${field.key}" is never referenced as \${user.${field.key}}`);
  });
  for (const key of referenced)
    if (!declared.has(key)) warnings.push(`\${user.${key}} is referenced but userFields does not declare "${key}"`);

  return { errors: inClear.errors, warnings, profile };
};
