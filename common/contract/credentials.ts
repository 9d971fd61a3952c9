import { z } from 'zod';
import { event, request } from './define';

/** The one place a secret may be kept for, within the active organisation's scope (see SecretScopeKey). */
export type SecretId = 'office-pc' | 'phone' | 'vpn' | `calendar:${string}`;

/** What a secret is handed out for; each purpose names exactly one secret id. */
export type SecretPurpose = 'phone.register' | 'officePc.connect' | 'vpn.connect' | `calendar.fetch:${string}`;

const calendarKey = '[a-z0-9-]{1,64}';
const secretIdPattern = new RegExp(`^(?:office-pc|phone|vpn|calendar:${calendarKey})$`);
const secretPurposePattern = new RegExp(`^(?:phone\\.register|officePc\\.connect|vpn\\.connect|calendar\\.fetch:${calendarKey})$`);

export const secretIdRule = 'office-pc, phone, vpn or calendar:<id> with an id of 1–64 characters a–z, 0–9 and -';
export const secretPurposeRule =
  'phone.register, officePc.connect, vpn.connect or calendar.fetch:<id> with an id of 1–64 characters a–z, 0–9 and -';

export const isSecretId = (value: unknown): value is SecretId => typeof value === 'string' && secretIdPattern.test(value);
export const isSecretPurpose = (value: unknown): value is SecretPurpose => typeof value === 'string' && secretPurposePattern.test(value);

export const SecretId = z.custom<SecretId>(isSecretId, `expected ${secretIdRule}`);

/**
 * Whose secrets these are: `personal` without a profile, otherwise `org-<slug>-<hash>` derived from the active
 * profile's organisation name (main/services/credentials/secret-scope.ts). Keychain-safe: a–z, 0–9 and - only.
 */
export type SecretScopeKey = 'personal' | `org-${string}`;
const scopeKeyPattern = 'personal|org-[a-z0-9-]{1,48}';
const secretScopeKeyPattern = new RegExp(`^(?:${scopeKeyPattern})$`);
export const secretScopeKeyRule = 'personal or org- followed by 1–48 characters a–z, 0–9 and -';
export const isSecretScopeKey = (value: unknown): value is SecretScopeKey => typeof value === 'string' && secretScopeKeyPattern.test(value);
export const SecretScopeKey = z.custom<SecretScopeKey>(isSecretScopeKey, `expected ${secretScopeKeyRule}`);

/**
 * One account of the `Scrivania` service in the keychain: `<scope>/<secret id>`, or a bare secret id, which is the
 * layout before secrets had an organisation and is only read to move it.
 */
export type KeychainAccount = SecretId | `${SecretScopeKey}/${SecretId}`;
const keychainAccountPattern = new RegExp(`^(?:(?:${scopeKeyPattern})/)?(?:office-pc|phone|vpn|calendar:${calendarKey})$`);
export const isKeychainAccount = (value: unknown): value is KeychainAccount =>
  typeof value === 'string' && keychainAccountPattern.test(value);
export const SecretPurpose = z.custom<SecretPurpose>(isSecretPurpose, `expected ${secretPurposeRule}`);

/** Windows Credential Manager keeps at most 2,560 bytes, and the keychain stores UTF-16 there. */
export const MAX_SECRET_LENGTH = 1024;
const Secret = z.string().min(1).max(MAX_SECRET_LENGTH);

export const KeychainAvailability = z.discriminatedUnion('available', [
  /**
   * `locked`: the keychain is there but locked, and the next call opens its unlock window; `keepsDeleted`: it keeps
   * what Scrivania deletes (KeePassXC's Recycle Bin and entry history).
   */
  z.object({ available: z.literal(true), locked: z.literal(true).optional(), keepsDeleted: z.literal(true).optional() }),
  /** `reason` is one sentence telling the person how to get a keychain. */
  z.object({ available: z.literal(false), reason: z.string() }),
]);
export type KeychainAvailability = z.infer<typeof KeychainAvailability>;

/**
 * A secret for one purpose, or why there is none: no keychain (`reason` says how to get one) or nothing saved yet.
 * On `secret: null` the pane asks the person for the secret, uses it once, and offers to save it when a keychain
 * exists (`credentials.status`).
 */
export const SecretForPurpose = z.union([
  z.object({ secret: z.string() }).strict(),
  z.object({ secret: z.null(), reason: z.string() }).strict(),
]);
export type SecretForPurpose = z.infer<typeof SecretForPurpose>;

export const KeychainPrompt = z.enum(['unlock', 'access']);
export type KeychainPrompt = z.infer<typeof KeychainPrompt>;
/** The passwords kept for one organisation (or for the person alone, without a profile): how many, never which. */
export const SecretScopeEntry = z.object({
  scope: SecretScopeKey,
  organization: z.string().nullable(),
  saved: z.number().int().nonnegative(),
});
export type SecretScopeEntry = z.infer<typeof SecretScopeEntry>;

/** The active profile's organisation and the others whose passwords are still in the keychain. */
export const SecretScopes = z.object({ active: SecretScopeEntry, others: z.array(SecretScopeEntry) });
export type SecretScopes = z.infer<typeof SecretScopes>;

export const credentialsContract = {
  'credentials.status': request(z.object({}).strict(), KeychainAvailability),
  /** Fails with the one-sentence reason when there is no keychain: a secret is never kept anywhere else. */
  'credentials.save': request(z.object({ id: SecretId, secret: Secret }).strict(), z.object({ saved: z.literal(true) })),
  /** `forgotten` is false when nothing was saved under that id. */
  'credentials.forget': request(z.object({ id: SecretId }).strict(), z.object({ forgotten: z.boolean() })),
  /** False also when there is no keychain, since then nothing can be saved. */
  'credentials.has': request(z.object({ id: SecretId }).strict(), z.boolean()),
  'credentials.forPurpose': request(z.object({ purpose: SecretPurpose }).strict(), SecretForPurpose),
  /** A keychain call is waiting for the person in the keychain's own unlock or access window; null when none is. */
  'credentials.keychainPrompt': event(z.object({ waiting: KeychainPrompt.nullable() }), { retained: true }),
  /** Closes the keychain window calls wait on; they fail as locked or refused. */
  'credentials.cancelPrompt': request(z.object({}).strict(), z.object({ cancelled: z.boolean() })),
  /**
   * Removes every password kept for one organisation, e.g. after its profile was replaced by another one's.
   * `removed` counts the keychain entries deleted.
   */
  'credentials.forgetScope': request(z.object({ scope: SecretScopeKey }).strict(), z.object({ removed: z.number().int().nonnegative() })),
  /** Changes when the active profile's organisation changes and whenever a password is saved or removed. */
  'credentials.scopesChanged': event(SecretScopes, { retained: true }),
};
