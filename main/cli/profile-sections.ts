import { readFile } from 'node:fs/promises';
import { USER_REFERENCE } from '../../common/profiles/profile-schema';
import { substituteUserFields } from '../services/profiles/effective-config';
import { isRecord, parseJson, withoutReservedKeys } from '../services/storage/safe-json';

const USER_VALUE = /^([A-Za-z][A-Za-z0-9_]*)=(.*)$/s;

/** `--user KEY=VALUE` options as the values of the profile's `${user.KEY}` references. */
export const userValuesFrom = (entries: readonly string[]): Map<string, string> | string => {
  const values = new Map<string, string>();
  for (const entry of entries) {
    const match = USER_VALUE.exec(entry);
    if (!match) return `--user takes KEY=VALUE, not "${entry}"`;
    values.set(match[1] as string, match[2] as string);
  }
  return values;
};

export type ProfileSectionRead = { ok: true; section: unknown } | { ok: false; reason: string };

/**
 * One section of a profile file (a signed envelope or a bare profile), `${user.KEY}` filled from `values`: what the
 * help desk's CLI checks run against. The signature is not checked here; `scrivania profile verify` does that.
 */
export const readProfileSection = async (file: string, name: string, values: ReadonlyMap<string, string>): Promise<ProfileSectionRead> => {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    return { ok: false, reason: `cannot read the profile ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}` };
  }
  const parsed = parseJson(text);
  if (!parsed.ok) return { ok: false, reason: `${file} is not JSON: ${parsed.reason}` };
  const json = withoutReservedKeys(parsed.value);
  const profile = isRecord(json) && isRecord(json['profile']) ? json['profile'] : json;
  if (!isRecord(profile) || profile[name] === undefined) return { ok: false, reason: `${file} has no "${name}" section` };
  const section = substituteUserFields(profile[name], values);
  const missing = [...JSON.stringify(section).matchAll(USER_REFERENCE)].map((match) => match[1]);
  if (missing.length > 0)
    return { ok: false, reason: `the profile's ${name} section uses \${user.${missing[0]}}: pass --user ${missing[0]}=VALUE` };
  return { ok: true, section };
};
