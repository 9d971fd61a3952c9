import { FORBIDDEN_KEYS, parsePointer, setAt } from '../../../common/profiles/json-pointer';
import { findLock, type LockMap, type ProfileLock } from '../../../common/profiles/locks';
import {
  ConfigSections,
  configSectionNames,
  formatSchemaIssues,
  USER_REFERENCE,
  type Profile,
  type UserField,
} from '../../../common/profiles/profile-schema';
import { isRecord } from '../storage/safe-json';

/**
 * The configuration the services read, built in this order, each layer above the ones before it:
 * built-in defaults < the profile's values (defaults the user may change) < the user's settings
 * < the profile's enforced keys < the OS policy's forced values. Then `${user.<key>}` references are filled in.
 */

export interface UserFieldState extends UserField {
  value?: string;
}

export interface EffectiveInputs {
  builtIn?: ConfigSections;
  profile?: Profile;
  /** JSON pointer → value the employee chose. */
  userValues?: Readonly<Record<string, unknown>>;
  /** userFields key → what the employee typed. */
  userFields?: Readonly<Record<string, string>>;
  /** JSON pointer → value the OS policy forces. */
  forced?: Readonly<Record<string, unknown>>;
}

export interface EffectiveConfiguration {
  config: ConfigSections;
  /** Every locked pointer and who locked it; a lock covers everything below its pointer too. */
  locks: LockMap;
  /** The profile's userFields with the values typed so far. */
  userFields: UserFieldState[];
  /** Declared userFields with no value yet: every string referring to one is left out of `config`. */
  missingUserFields: string[];
  /** Layers that could not be applied as written, one line each; the rest of the configuration still applies. */
  problems: string[];
}

export const BUILT_IN_DEFAULTS: ConfigSections = {
  helpdesk: {},
  vpn: {},
  officePc: {},
  phone: {},
  calendars: [],
  meetings: {},
  links: [],
  updates: {},
};

/** Policy locks first: when both lock a pointer, the policy is who the user has to ask. */
export const computeLocks = (forced: Readonly<Record<string, unknown>>, profile: Profile | undefined): LockMap => {
  const locks = new Map<string, ProfileLock>();
  for (const pointer of Object.keys(forced)) locks.set(pointer, { by: 'policy' });
  const organization = profile?.organization.name ?? '';
  for (const pointer of profile?.enforced ?? []) if (!locks.has(pointer)) locks.set(pointer, { by: 'profile', organization });
  return Object.fromEntries(locks);
};

export const describeLock = (pointer: string, found: { pointer: string; lock: ProfileLock }): string => {
  const who = found.lock.by === 'policy' ? "the administrator's OS policy" : `the configuration profile of ${found.lock.organization}`;
  return found.pointer === pointer ? `${pointer} is locked by ${who}` : `${pointer} cannot change: ${found.pointer} is locked by ${who}`;
};

const mergeJson = (base: unknown, overlay: unknown): unknown => {
  if (!isRecord(base) || !isRecord(overlay)) return structuredClone(overlay);
  const merged: Record<string, unknown> = structuredClone(base);
  for (const key of Object.keys(overlay)) {
    if (FORBIDDEN_KEYS.has(key)) continue;
    merged[key] = mergeJson(merged[key], overlay[key]);
  }
  return merged;
};

/** Parents before children, so a value for `/phone/extension` lands inside a value set for `/phone`. */
const byDepth = (entries: [string, unknown][]): [string, unknown][] =>
  entries.sort(([a], [b]) => a.split('/').length - b.split('/').length || (a < b ? -1 : a > b ? 1 : 0));

const applyPointers = (config: Record<string, unknown>, entries: [string, unknown][], layer: string, problems: string[]): void => {
  for (const [pointer, value] of byDepth(entries)) {
    const parsed = parsePointer(pointer);
    if (!parsed.ok) {
      problems.push(`${layer}: ${parsed.reason}`);
      continue;
    }
    if (!(configSectionNames as string[]).includes(parsed.segments[0] ?? '')) {
      problems.push(`${layer}: ${pointer} is not in the configuration`);
      continue;
    }
    const failure = setAt(config, parsed.segments, structuredClone(value));
    if (failure) problems.push(`${layer}: ${failure}`);
  }
};

/** Fills `${user.key}` from what the employee typed; references to missing values stay as written. */
export const substituteUserFields = (value: unknown, values: ReadonlyMap<string, string>): unknown => {
  if (typeof value === 'string') return value.replace(USER_REFERENCE, (reference, key: string) => values.get(key) ?? reference);
  if (Array.isArray(value)) return value.map((item) => substituteUserFields(item, values));
  if (!isRecord(value)) return value;
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) copy[key] = substituteUserFields(value[key], values);
  return copy;
};

const hasReference = (text: string): boolean => new RegExp(USER_REFERENCE.source).test(text);

/**
 * Leaves out every string that still holds a `${user.…}` reference (and an array item or object key holding one):
 * a value the employee has not typed yet is missing, so no service connects with it and no screen shows it.
 */
export const withoutUnfilled = (value: unknown): unknown => {
  if (typeof value === 'string') return hasReference(value) ? undefined : value;
  if (Array.isArray(value)) return value.map(withoutUnfilled).filter((item) => item !== undefined);
  if (!isRecord(value)) return value;
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const kept = withoutUnfilled(value[key]);
    if (kept !== undefined) copy[key] = kept;
  }
  return copy;
};

/** The merged configuration before `${user.…}` substitution: what a user's change is validated against. */
export const mergeLayers = (inputs: EffectiveInputs, locks: LockMap, problems: string[]): Record<string, unknown> => {
  const config = structuredClone(inputs.builtIn ?? BUILT_IN_DEFAULTS) as Record<string, unknown>;
  const profile = inputs.profile as Record<string, unknown> | undefined;
  for (const section of configSectionNames) {
    if (profile?.[section] !== undefined) config[section] = mergeJson(config[section], profile[section]);
  }
  // Enforced pointers keep the profile's value simply because no user value touching them is applied.
  const userEntries = Object.entries(inputs.userValues ?? {}).filter(([pointer]) => !findLock(locks, pointer));
  applyPointers(config, userEntries, 'user setting', problems);
  applyPointers(config, Object.entries(inputs.forced ?? {}), 'OS policy', problems);
  return config;
};

export const computeEffective = (inputs: EffectiveInputs): EffectiveConfiguration => {
  const problems: string[] = [];
  const locks = computeLocks(inputs.forced ?? {}, inputs.profile);
  const merged = mergeLayers(inputs, locks, problems);
  const checked = ConfigSections.safeParse(merged);
  if (!checked.success) problems.push(...formatSchemaIssues(checked.error, 'config'));

  const declared = inputs.profile?.userFields ?? [];
  const typed = new Map<string, string>();
  for (const field of declared) {
    const value = inputs.userFields?.[field.key];
    if (value !== undefined) typed.set(field.key, value);
  }
  const userFields = declared.map((field) => (typed.has(field.key) ? { ...field, value: typed.get(field.key) as string } : { ...field }));
  return {
    config: withoutUnfilled(substituteUserFields(merged, typed)) as ConfigSections,
    locks,
    userFields,
    missingUserFields: declared.filter((field) => !typed.has(field.key)).map((field) => field.key),
    problems,
  };
};
