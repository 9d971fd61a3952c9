import { createHash } from 'node:crypto';
import type { KeychainAccount, SecretId, SecretScopeKey } from '../../../common/contract/credentials';

export type { SecretScopeKey };

/** Whose secrets are meant: an organisation, by the name its profile gives, or the person alone (no profile). */
export interface SecretScope {
  key: SecretScopeKey;
  organization: string | null;
}

export const PERSONAL_SCOPE: SecretScope = { key: 'personal', organization: null };

const SLUG_LENGTH = 24;

/** "Comune di  Collegno" and "comune di collegno" are the same organisation; "Città" and "Citta" are not. */
const normalisedName = (name: string): string => name.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();

/**
 * The scope of an organisation's secrets, from its profile's `organization.name`: `org-<slug>-<8 hex>`. The slug
 * (accents dropped, at most 24 characters) lets a person recognise the entry in their keychain; the hash of the
 * whole normalised name keeps two organisations apart whose slugs coincide. The organisation, not the profile id,
 * because a help desk may issue a new profile (new id, new serial) for the same VPN, PBX and office PCs.
 */
export const scopeOfOrganization = (name: string | null | undefined): SecretScope => {
  if (name === null || name === undefined || name.trim() === '') return PERSONAL_SCOPE;
  const normalised = normalisedName(name);
  const slug = normalised
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, SLUG_LENGTH)
    .replace(/^-+|-+$/g, '');
  const hash = createHash('sha256').update(normalised).digest('hex').slice(0, 8);
  return { key: `org-${slug ? `${slug}-` : ''}${hash}`, organization: name.trim() };
};

/** The keychain account of one secret in one scope. */
export const scopedAccount = (scope: SecretScopeKey, id: SecretId): KeychainAccount => `${scope}/${id}`;
