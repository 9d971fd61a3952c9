import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign as signBytes, type KeyObject } from 'node:crypto';
import { SIGNATURE_ALGORITHM, type SignedProfileEnvelope } from '../../../common/profiles/profile-schema';
import { canonicalBytes } from './canonical-json';
import { oneLineMessageOf } from '../../../common/error-message';

/** The DER prefix of an Ed25519 SubjectPublicKeyInfo; the 32 raw key bytes follow it. */
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

export interface GeneratedKeys {
  /** PKCS#8 PEM: the help desk's secret, written with mode 0600 and never printed. */
  privateKeyPem: string;
  /** SPKI PEM, for `--trust` and for the app's built-in trusted keys. */
  publicKeyPem: string;
  /** The raw 32-byte key in base64, the form OS policies carry. */
  publicKeyBase64: string;
  keyId: string;
}

export type ParsedKey = { ok: true; key: KeyObject; keyId: string } | { ok: false; reason: string };

export const rawPublicKey = (key: KeyObject): Buffer => {
  const der = key.export({ format: 'der', type: 'spki' });
  return der.subarray(der.length - 32);
};

/** First 16 hex characters of SHA-256 over the raw 32-byte public key. */
export const keyIdOf = (publicKey: KeyObject): string => createHash('sha256').update(rawPublicKey(publicKey)).digest('hex').slice(0, 16);

export const keygen = (): GeneratedKeys => {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    privateKeyPem: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
    publicKeyPem: publicKey.export({ format: 'pem', type: 'spki' }).toString(),
    publicKeyBase64: rawPublicKey(publicKey).toString('base64'),
    keyId: keyIdOf(publicKey),
  };
};

const ed25519Only = (key: KeyObject): ParsedKey =>
  key.asymmetricKeyType === 'ed25519'
    ? { ok: true, key, keyId: keyIdOf(key) }
    : { ok: false, reason: `expected an Ed25519 key, found ${key.asymmetricKeyType ?? 'an unknown type'}` };

/** A trusted public key as SPKI PEM, or base64 of either the raw 32 bytes or the SPKI DER. */
export const parsePublicKey = (text: string): ParsedKey => {
  const trimmed = text.trim();
  try {
    if (trimmed.startsWith('-----BEGIN')) return ed25519Only(createPublicKey({ key: trimmed, format: 'pem' }));
    const compact = trimmed.replace(/\s+/g, '');
    if (!BASE64.test(compact)) return { ok: false, reason: 'expected a PEM public key or a base64 Ed25519 key' };
    const bytes = Buffer.from(compact, 'base64');
    if (bytes.length === 32)
      return ed25519Only(createPublicKey({ key: Buffer.concat([ED25519_SPKI_PREFIX, bytes]), format: 'der', type: 'spki' }));
    if (bytes.length === 44) return ed25519Only(createPublicKey({ key: bytes, format: 'der', type: 'spki' }));
    return { ok: false, reason: `expected a 32-byte Ed25519 key, found ${bytes.length} bytes` };
  } catch (error) {
    return { ok: false, reason: `unreadable public key: ${oneLineMessageOf(error)}` };
  }
};

/** The signing key from PKCS#8 PEM; the reason never quotes the key. */
export const parsePrivateKey = (pem: string): ParsedKey => {
  try {
    const key = createPrivateKey({ key: pem, format: 'pem' });
    if (key.asymmetricKeyType !== 'ed25519')
      return { ok: false, reason: `expected an Ed25519 private key, found ${key.asymmetricKeyType ?? 'an unknown type'}` };
    return { ok: true, key, keyId: keyIdOf(createPublicKey(key)) };
  } catch {
    return { ok: false, reason: 'expected an Ed25519 private key in PKCS#8 PEM (-----BEGIN PRIVATE KEY-----)' };
  }
};

/**
 * The signed envelope of a profile: an Ed25519 signature over its RFC 8785 canonical JSON. `profile` is signed as
 * given; validate it first. Throws with a one-line reason when the key is unusable.
 */
export const sign = (profile: Record<string, unknown>, privateKeyPem: string): SignedProfileEnvelope => {
  const parsed = parsePrivateKey(privateKeyPem);
  if (!parsed.ok) throw new Error(parsed.reason);
  const value = signBytes(null, canonicalBytes(profile), parsed.key).toString('base64');
  return { profile, signature: { keyId: parsed.keyId, alg: SIGNATURE_ALGORITHM, value } };
};
