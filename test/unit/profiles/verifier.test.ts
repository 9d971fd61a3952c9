import { createPublicKey } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { computeEffective } from '../../../main/services/profiles/effective-config';
import { keyIdOf, parsePrivateKey, parsePublicKey, sign } from '../../../main/services/profiles/profile-signer';
import {
  MAX_PROFILE_BYTES,
  profileDigest,
  ProfileVerifier,
  type ActiveProfileMarker,
  type VerifyResult,
} from '../../../main/services/profiles/profile-verifier';
import { clock, encode, keygen, sampleProfile, signedBytes } from './fixtures';

const keys = keygen();
const otherKeys = keygen();

const verifierFor = (trusted: string[], active?: ActiveProfileMarker) =>
  new ProfileVerifier({ trustedKeys: trusted, clock, ...(active ? { activeProfile: () => active } : {}) });

const refusal = (result: VerifyResult): { stage: string; reason: string } => {
  if (result.ok) throw new Error(`expected a refusal, got profile ${result.profile.id}`);
  return { stage: result.stage, reason: result.reason };
};

describe('keys', () => {
  it('generates PKCS#8 and SPKI PEM with a keyId of 16 hex characters of SHA-256 over the raw key', () => {
    expect(keys.privateKeyPem).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    expect(keys.publicKeyPem).toMatch(/^-----BEGIN PUBLIC KEY-----/);
    expect(keys.keyId).toMatch(/^[0-9a-f]{16}$/);
    expect(Buffer.from(keys.publicKeyBase64, 'base64')).toHaveLength(32);
    expect(keyIdOf(createPublicKey(keys.publicKeyPem))).toBe(keys.keyId);
    expect(keys.keyId).not.toBe(otherKeys.keyId);
  });

  it('reads a public key as PEM, raw base64 or SPKI base64, and the same keyId each way', () => {
    const spki = createPublicKey(keys.publicKeyPem).export({ format: 'der', type: 'spki' }).toString('base64');
    for (const text of [keys.publicKeyPem, keys.publicKeyBase64, spki]) {
      const parsed = parsePublicKey(text);
      expect(parsed.ok && parsed.keyId).toBe(keys.keyId);
    }
    expect(parsePublicKey('not a key!')).toMatchObject({ ok: false, reason: 'expected a PEM public key or a base64 Ed25519 key' });
    expect(parsePublicKey(Buffer.alloc(16).toString('base64'))).toMatchObject({
      ok: false,
      reason: 'expected a 32-byte Ed25519 key, found 16 bytes',
    });
  });

  it('never quotes the private key when refusing it', () => {
    const result = parsePrivateKey(keys.privateKeyPem.replace('A', 'B').slice(0, 60));
    expect(result.ok).toBe(false);
    expect(JSON.stringify(result)).not.toContain(keys.privateKeyPem.slice(30, 50));
  });
});

describe('ProfileVerifier', () => {
  it('accepts a signed profile: the round trip', () => {
    const result = verifierFor([keys.publicKeyPem]).verify(signedBytes(sampleProfile(), keys));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.keyId).toBe(keys.keyId);
    expect(result.profile.organization.name).toBe('Comune di Prato');
    expect(result.profile.phone?.answerGroups).toEqual([{ name: 'Polizia Municipale', number: '600' }]);
    expect(result.envelope.signature).toMatchObject({ keyId: keys.keyId, alg: 'Ed25519' });
    expect(result.digest).toBe(profileDigest(sampleProfile()));
    expect(result.alreadyActive).toBe(false);
  });

  it('accepts a trusted key given as raw base64, and among several keys', () => {
    const result = verifierFor([otherKeys.publicKeyBase64, keys.publicKeyBase64]).verify(signedBytes(sampleProfile(), keys));
    expect(result.ok && result.keyId).toBe(keys.keyId);
  });

  it('does not depend on the whitespace or key order of the file, only on its canonical content', () => {
    const envelope = sign(sampleProfile(), keys.privateKeyPem);
    const reordered = { signature: envelope.signature, profile: Object.fromEntries(Object.entries(envelope.profile).reverse()) };
    expect(verifierFor([keys.publicKeyPem]).verify(new TextEncoder().encode(JSON.stringify(reordered))).ok).toBe(true);
  });

  it('refuses a file over 1 MB before parsing it', () => {
    const padded = encode({ ...sign(sampleProfile(), keys.privateKeyPem), padding: 'x'.repeat(MAX_PROFILE_BYTES) });
    expect(refusal(verifierFor([keys.publicKeyPem]).verify(padded))).toEqual({
      stage: 'size',
      reason: 'profile file is 1.0 MB, over the 1 MB limit',
    });
  });

  it('refuses a 10 MB file on its length alone', () => {
    const huge = new Uint8Array(10 * 1024 * 1024).fill(0x7b);
    expect(refusal(verifierFor([keys.publicKeyPem]).verify(huge))).toEqual({
      stage: 'size',
      reason: 'profile file is 10.0 MB, over the 1 MB limit',
    });
  });

  it('refuses what is not JSON, and text that is not UTF-8', () => {
    const notJson = refusal(verifierFor([keys.publicKeyPem]).verify(new TextEncoder().encode('profile: yes')));
    expect(notJson.stage).toBe('json');
    expect(notJson.reason).toMatch(/^not JSON: /);
    expect(notJson.reason).not.toContain('\n');
    expect(refusal(verifierFor([keys.publicKeyPem]).verify(new Uint8Array([0xff, 0xfe, 0x7b])))).toEqual({
      stage: 'json',
      reason: 'not JSON: the file is not UTF-8 text',
    });
  });

  it('refuses JSON that is not a signed envelope, naming what is missing', () => {
    const verifier = verifierFor([keys.publicKeyPem]);
    expect(refusal(verifier.verify(encode(sampleProfile())))).toEqual({
      stage: 'envelope',
      reason: 'not a signed profile: this is a bare profile; sign it with `scrivania profile sign`',
    });
    expect(refusal(verifier.verify(encode([1, 2])))).toMatchObject({ stage: 'envelope' });
    const noAlg = sign(sampleProfile(), keys.privateKeyPem) as unknown as { signature: Record<string, unknown> };
    noAlg.signature['alg'] = 'RS256';
    expect(refusal(verifier.verify(encode(noAlg)))).toEqual({
      stage: 'envelope',
      reason: 'not a signed profile: signature.alg: expected "Ed25519"',
    });
  });

  it('refuses an unknown key and names its keyId', () => {
    expect(refusal(verifierFor([otherKeys.publicKeyPem]).verify(signedBytes(sampleProfile(), keys)))).toEqual({
      stage: 'key',
      reason: `signed with unknown key ${keys.keyId}: not one of the 1 trusted keys`,
    });
  });

  it('refuses a bad signature', () => {
    const envelope = sign(sampleProfile(), keys.privateKeyPem);
    const forged = {
      ...envelope,
      signature: { ...envelope.signature, value: sign(sampleProfile(), otherKeys.privateKeyPem).signature.value },
    };
    expect(refusal(verifierFor([keys.publicKeyPem]).verify(encode(forged)))).toEqual({
      stage: 'signature',
      reason: `bad signature: the profile does not match its signature by key ${keys.keyId} (changed after signing, or signed with another key)`,
    });
    const short = { ...envelope, signature: { ...envelope.signature, value: Buffer.alloc(10).toString('base64') } };
    expect(refusal(verifierFor([keys.publicKeyPem]).verify(encode(short)))).toEqual({
      stage: 'signature',
      reason: 'bad signature: expected 64 bytes, found 10',
    });
  });

  it('refuses content changed after signing', () => {
    const envelope = sign(sampleProfile(), keys.privateKeyPem);
    const tampered = { ...envelope, profile: { ...envelope.profile, enforced: [] } };
    expect(refusal(verifierFor([keys.publicKeyPem]).verify(encode(tampered))).stage).toBe('signature');
    // One byte of difference is enough: 600 → 601 in the answer group.
    const text = new TextDecoder().decode(signedBytes(sampleProfile(), keys)).replace('"600"', '"601"');
    expect(refusal(verifierFor([keys.publicKeyPem]).verify(new TextEncoder().encode(text))).stage).toBe('signature');
  });

  it('refuses a schema error, naming the JSON path and what was expected', () => {
    const badServer = sampleProfile({ phone: { server: 'https://pbx.comune.prato.example/ws' } });
    expect(refusal(verifierFor([keys.publicKeyPem]).verify(signedBytes(badServer, keys)))).toEqual({
      stage: 'schema',
      reason: 'profile.phone.server: expected a ws:// or wss:// URL',
    });
    const badCalendar = sampleProfile({ calendars: [{ id: 'work', name: 'Lavoro', url: 'ftp://cal.example/x.ics' }] });
    expect(refusal(verifierFor([keys.publicKeyPem]).verify(signedBytes(badCalendar, keys))).reason).toBe(
      'profile.calendars[0].url: expected an https://, http:// or webcal:// URL',
    );
    const missingSerial = sampleProfile();
    delete missingSerial['serial'];
    expect(refusal(verifierFor([keys.publicKeyPem]).verify(signedBytes(missingSerial, keys))).reason).toBe(
      'profile.serial: required: expected number',
    );
  });

  it('refuses an expired profile and names the date', () => {
    const expired = sampleProfile({ issuedAt: '2025-01-01T00:00:00Z', expiresAt: '2026-05-31T23:59:59Z' });
    expect(refusal(verifierFor([keys.publicKeyPem]).verify(signedBytes(expired, keys)))).toEqual({
      stage: 'expired',
      reason: 'profile comune-prato-smartworking expired on 2026-05-31T23:59:59Z',
    });
  });

  it('refuses a rollback, naming both serials', () => {
    const active = { serial: 7, digest: profileDigest(sampleProfile({ serial: 7 })) };
    expect(refusal(verifierFor([keys.publicKeyPem], active).verify(signedBytes(sampleProfile({ serial: 6 }), keys)))).toEqual({
      stage: 'rollback',
      reason: 'profile serial 6 is lower than the active serial 7: rollback refused',
    });
    expect(verifierFor([keys.publicKeyPem], active).verify(signedBytes(sampleProfile({ serial: 8 }), keys)).ok).toBe(true);
  });

  it('treats the same serial with the same content as already active, and with other content as an error', () => {
    const profile = sampleProfile({ serial: 7 });
    const active = { serial: 7, digest: profileDigest(profile) };
    const same = verifierFor([keys.publicKeyPem], active).verify(signedBytes(profile, keys));
    expect(same.ok && same.alreadyActive).toBe(true);
    const changed = verifierFor([keys.publicKeyPem], active).verify(
      signedBytes(sampleProfile({ serial: 7, meetings: { notifyMinutes: 10 } }), keys),
    );
    expect(refusal(changed)).toEqual({
      stage: 'rollback',
      reason: 'profile serial 7 is already active with different content: the help desk must issue a higher serial',
    });
  });

  it('checks in order: a tampered, expired, rolled-back profile is refused for its signature', () => {
    const envelope = sign(sampleProfile({ serial: 1, expiresAt: '2026-02-01T00:00:00Z' }), keys.privateKeyPem);
    const tampered = { ...envelope, profile: { ...envelope.profile, id: 'other' } };
    expect(refusal(verifierFor([keys.publicKeyPem], { serial: 5, digest: 'x' }).verify(encode(tampered))).stage).toBe('signature');
  });

  it('lets __proto__ and constructor keys do nothing: no pollution, not in the profile, not in the configuration', () => {
    const text = JSON.stringify(sampleProfile())
      .replace('"vpn":{', '"vpn":{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}},')
      .replace(/^\{/, '{"__proto__":{"isAdmin":true},');
    const rawProfile = JSON.parse(text) as Record<string, unknown>;
    expect(Object.keys(rawProfile)).toContain('__proto__');
    const bytes = encode(sign(rawProfile, keys.privateKeyPem));

    const result = verifierFor([keys.publicKeyPem]).verify(bytes);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(({} as Record<string, unknown>)['isAdmin']).toBeUndefined();
    expect(Object.getPrototypeOf(result.profile)).toBe(Object.prototype);
    expect(Object.keys(result.profile)).not.toContain('__proto__');
    expect(Object.keys(result.profile.vpn ?? {})).toEqual(['probes']);

    const effective = computeEffective({ profile: result.profile });
    expect(JSON.stringify(effective.config)).not.toMatch(/__proto__|constructor|polluted/);
    expect((effective.config as Record<string, unknown>)['isAdmin']).toBeUndefined();
  });

  it('reports trusted keys it cannot read and still uses the good ones', () => {
    const verifier = verifierFor(['garbage!', keys.publicKeyPem]);
    expect(verifier.keyProblems()).toEqual(['trusted key 1: expected a PEM public key or a base64 Ed25519 key']);
    expect(verifier.verify(signedBytes(sampleProfile(), keys)).ok).toBe(true);
  });
});
