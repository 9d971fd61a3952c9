import { createHash, verify as verifySignature, type KeyObject } from 'node:crypto';
import { formatSchemaError, Profile, SignedProfileEnvelope } from '../../../common/profiles/profile-schema';
import { canonicalBytes } from './canonical-json';
import { parsePublicKey } from './profile-signer';
import { decodeUtf8, isRecord, parseJson, withoutReservedKeys } from '../storage/safe-json';
import { oneLineMessageOf } from '../../../common/error-message';
import { problem, type Problem } from '../../../common/contract/problems';

export const MAX_PROFILE_BYTES = 1024 * 1024;

/** What the verifier needs to know about the active profile to refuse rollbacks. */
export interface ActiveProfileMarker {
  serial: number;
  /** SHA-256 hex of the active profile's canonical JSON. */
  digest: string;
}

export interface ProfileVerifierOptions {
  /** PEM or base64 public keys; a getter when OS policy can add keys at run time. */
  trustedKeys: readonly string[] | (() => readonly string[]);
  clock: () => Date;
  activeProfile?: () => ActiveProfileMarker | undefined;
}

/** Where verification stopped; the checks run in this order. */
export type RefusalStage = 'size' | 'json' | 'envelope' | 'key' | 'signature' | 'schema' | 'expired' | 'not-yet-valid' | 'rollback';

/** How far ahead of this computer's clock a profile's issuedAt may be: clocks a little apart still agree. */
export const CLOCK_SKEW_MS = 5 * 60_000;

export interface VerifiedProfile {
  ok: true;
  /** The schema's reading of the signed profile, with reserved keys such as `__proto__` removed. */
  profile: Profile;
  keyId: string;
  envelope: SignedProfileEnvelope;
  digest: string;
  /**
   * The same serial and the same content as the active profile: nothing to apply, and not an error, so
   * re-importing a file or polling an unchanged URL is harmless. The same serial with other content is refused.
   */
  alreadyActive: boolean;
}

/** `reason` is the technical line (logs, Details); `problem` what the employee is told. */
export type RefusedProfile = { ok: false; stage: RefusalStage; reason: string; problem: Problem };
export type VerifyResult = VerifiedProfile | RefusedProfile;

export const profileDigest = (rawProfile: unknown): string => createHash('sha256').update(canonicalBytes(rawProfile)).digest('hex');

const formatSize = (bytes: number): string =>
  bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;

const refuse = (stage: RefusalStage, reason: string, told: Problem): RefusedProfile => ({ ok: false, stage, reason, problem: told });

/** Checks a signed profile file end to end; nothing is applied here, the caller applies what comes back ok. */
export class ProfileVerifier {
  constructor(private readonly options: ProfileVerifierOptions) {}

  /** The trusted keys by keyId; keys that cannot be read are left out and reported by `keyProblems`. */
  trustedKeys(): Map<string, KeyObject> {
    const keys = new Map<string, KeyObject>();
    for (const text of this.keyTexts()) {
      const parsed = parsePublicKey(text);
      if (parsed.ok) keys.set(parsed.keyId, parsed.key);
    }
    return keys;
  }

  keyProblems(): string[] {
    return this.keyTexts().flatMap((text, index) => {
      const parsed = parsePublicKey(text);
      return parsed.ok ? [] : [`trusted key ${index + 1}: ${parsed.reason}`];
    });
  }

  verify(bytes: Uint8Array): VerifyResult {
    // Before anything reads the content, so an oversized file costs nothing.
    if (bytes.byteLength > MAX_PROFILE_BYTES)
      return refuse('size', `profile file is ${formatSize(bytes.byteLength)}, over the 1 MB limit`, problem('profiles.too-large'));

    const text = decodeUtf8(bytes);
    if (text === undefined) return refuse('json', 'not JSON: the file is not UTF-8 text', problem('profiles.not-json'));
    const json = parseJson(text);
    if (!json.ok) return refuse('json', `not JSON: ${json.reason}`, problem('profiles.not-json'));

    const envelope = this.readEnvelope(json.value);
    if (!envelope.ok) return envelope;
    const { raw, signature } = envelope;

    const trusted = this.trustedKeys();
    const key = trusted.get(signature.keyId);
    if (!key)
      return refuse(
        'key',
        `signed with unknown key ${signature.keyId}: not one of the ${trusted.size} trusted keys`,
        problem('profiles.untrusted-key', { keyId: signature.keyId }),
      );

    const signatureBytes = Buffer.from(signature.value, 'base64');
    if (signatureBytes.length !== 64)
      return refuse('signature', `bad signature: expected 64 bytes, found ${signatureBytes.length}`, problem('profiles.bad-signature'));
    let signed: Uint8Array;
    try {
      signed = canonicalBytes(raw.profile);
    } catch (error) {
      return refuse(
        'signature',
        `bad signature: the profile cannot be canonicalized (${oneLineMessageOf(error)})`,
        problem('profiles.bad-signature'),
      );
    }
    if (!verifySignature(null, signed, key, signatureBytes)) {
      return refuse(
        'signature',
        `bad signature: the profile does not match its signature by key ${signature.keyId} (changed after signing, or signed with another key)`,
        problem('profiles.bad-signature'),
      );
    }

    const parsed = Profile.safeParse(withoutReservedKeys(raw.profile));
    if (!parsed.success) return refuse('schema', formatSchemaError(parsed.error, 'profile'), problem('profiles.invalid'));
    const profile = parsed.data;

    const now = this.options.clock().getTime();
    const organization = profile.organization.name;
    if (Date.parse(profile.expiresAt) <= now)
      return refuse(
        'expired',
        `profile ${profile.id} expired on ${profile.expiresAt}`,
        problem('profiles.expired', { organization, date: profile.expiresAt }),
      );
    // Issued after now, beyond clock skew: signed ahead of its release, or this computer's clock is behind.
    if (Date.parse(profile.issuedAt) > now + CLOCK_SKEW_MS)
      return refuse(
        'not-yet-valid',
        `profile ${profile.id} is not valid until ${profile.issuedAt}, which is ahead of this computer's clock (check its date and time)`,
        problem('profiles.not-yet-valid', { date: profile.issuedAt }),
      );

    const digest = createHash('sha256').update(signed).digest('hex');
    const active = this.options.activeProfile?.();
    if (active && profile.serial < active.serial) {
      return refuse(
        'rollback',
        `profile serial ${profile.serial} is lower than the active serial ${active.serial}: rollback refused`,
        problem('profiles.older', { serial: profile.serial, activeSerial: active.serial }),
      );
    }
    if (active && profile.serial === active.serial && digest !== active.digest) {
      return refuse(
        'rollback',
        `profile serial ${profile.serial} is already active with different content: the help desk must issue a higher serial`,
        problem('profiles.same-serial', { serial: profile.serial }),
      );
    }
    const alreadyActive = active !== undefined && profile.serial === active.serial;
    return { ok: true, profile, keyId: signature.keyId, envelope: { profile: raw.profile, signature }, digest, alreadyActive };
  }

  private keyTexts(): readonly string[] {
    const { trustedKeys } = this.options;
    return typeof trustedKeys === 'function' ? trustedKeys() : trustedKeys;
  }

  private readEnvelope(
    json: unknown,
  ): { ok: true; raw: { profile: Record<string, unknown> }; signature: SignedProfileEnvelope['signature'] } | RefusedProfile {
    if (isRecord(json) && !('signature' in json) && 'schemaVersion' in json) {
      return {
        ok: false,
        stage: 'envelope',
        reason: 'not a signed profile: this is a bare profile; sign it with `scrivania profile sign`',
        problem: problem('profiles.unsigned'),
      };
    }
    const parsed = SignedProfileEnvelope.safeParse(json);
    if (!parsed.success)
      return refuse('envelope', `not a signed profile: ${formatSchemaError(parsed.error)}`, problem('profiles.not-a-profile'));
    // The raw profile as parsed from the file, not zod's copy: the signature covers exactly what was written.
    const raw = (json as { profile: Record<string, unknown> }).profile;
    return { ok: true, raw: { profile: raw }, signature: parsed.data.signature };
  }
}
