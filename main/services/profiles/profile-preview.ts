import { createHash, type KeyObject } from 'node:crypto';
import type { PreviewSection, ProfilePreview, ProfileSource } from '../../../common/contract/profiles';
import { configSectionNames, USER_REFERENCE, type Profile } from '../../../common/profiles/profile-schema';
import { rawPublicKey } from './profile-signer';
import type { VerifiedProfile } from './profile-verifier';
import type { z } from 'zod';

/** SHA-256 of the raw public key in groups of four hex digits: the keyId is its first sixteen. */
export const keyFingerprint = (key: KeyObject): string =>
  (createHash('sha256').update(rawPublicKey(key)).digest('hex').match(/.{4}/g) ?? []).join(' ');

const hasContent = (value: unknown): boolean =>
  Array.isArray(value) ? value.length > 0 : typeof value === 'object' && value !== null && Object.keys(value).length > 0;

/** A host or name only when it reads the same for everyone: a `${user.…}` the employee has not typed yet is never shown. */
const plain = (value: unknown): string | undefined => {
  if (typeof value !== 'string' || value === '') return undefined;
  if (new RegExp(USER_REFERENCE.source).test(value)) return undefined;
  try {
    return new URL(value).host || value;
  } catch {
    return value;
  }
};

const record = (value: unknown): Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};

const detailOf = (name: string, section: unknown): string | undefined => {
  const fields = record(section);
  switch (name) {
    case 'vpn':
      return plain(record(fields['probes'])['intranetHost']);
    case 'officePc':
      return plain(fields['host']);
    case 'phone':
      return plain(fields['domain']) ?? plain(fields['server']);
    case 'calendars':
      return Array.isArray(section)
        ? section
            .map((calendar) => plain(record(calendar)['name']))
            .filter((name) => name !== undefined)
            .join(', ') || undefined
        : undefined;
    case 'updates':
      return plain(fields['url']);
    case 'helpdesk':
      return plain(fields['phone']) ?? plain(fields['email']);
    default:
      return undefined;
  }
};

/** What a verified profile will set up, section by section, in the order the schema lists them. */
export const previewSections = (profile: Profile): z.infer<typeof PreviewSection>[] =>
  configSectionNames
    .filter((name) => hasContent((profile as Record<string, unknown>)[name]))
    .map((name) => {
      const detail = detailOf(name, (profile as Record<string, unknown>)[name]);
      return detail === undefined ? { name } : { name, detail };
    });

export const previewOf = (
  previewId: string,
  verified: VerifiedProfile,
  key: KeyObject | undefined,
  source: ProfileSource,
  active: { organization: string; serial: number } | undefined,
): ProfilePreview => {
  const { profile } = verified;
  return {
    previewId,
    organization: profile.organization.name,
    id: profile.id,
    serial: profile.serial,
    issuedAt: profile.issuedAt,
    expiresAt: profile.expiresAt,
    keyId: verified.keyId,
    fingerprint: key ? keyFingerprint(key) : verified.keyId,
    source,
    sections: previewSections(profile),
    userFields: profile.userFields.map((field) => ({ en: field.label.en, it: field.label.it })),
    alreadyActive: verified.alreadyActive,
    replaces: active && active.organization !== profile.organization.name ? active : null,
  };
};
