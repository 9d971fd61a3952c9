import { describe, expect, it } from 'vitest';
import { destinationOf, formatFingerprint, normalizeFingerprint, readOfficePcConfig } from '../../../common/office-pc/office-pc-config';
import { formatSchemaIssues, Profile } from '../../../common/profiles/profile-schema';

const FINGERPRINT = 'ab'.repeat(32);

const profileWith = (officePc: unknown) => ({
  schemaVersion: 1,
  id: 'p',
  serial: 1,
  issuedAt: '2026-01-01T00:00:00Z',
  expiresAt: '2027-01-01T00:00:00Z',
  organization: { name: 'Comune di Prato' },
  officePc,
});

describe('the officePc section', () => {
  it('fills defaults and normalises the pinned fingerprint', () => {
    expect(readOfficePcConfig({ host: 'pc-mrossi.comune.prato.example', certificateSha256: formatFingerprint(FINGERPRINT) })).toEqual({
      ok: true,
      config: {
        name: 'pc-mrossi.comune.prato.example',
        host: 'pc-mrossi.comune.prato.example',
        port: 3389,
        certificateSha256: FINGERPRINT,
        display: 'resize',
      },
    });
    expect(
      readOfficePcConfig({ name: 'PC anagrafe', host: '10.0.4.21', port: 3390, domain: 'COMUNE', username: 'mrossi', display: 'resize' }),
    ).toMatchObject({
      ok: true,
      config: { name: 'PC anagrafe', port: 3390, domain: 'COMUNE', username: 'mrossi', display: 'resize' },
    });
  });

  it('tells absent, waiting for the employee’s details, and invalid apart', () => {
    expect(readOfficePcConfig(undefined)).toEqual({ ok: false, reason: 'absent' });
    expect(readOfficePcConfig({})).toEqual({ ok: false, reason: 'absent' });
    expect(readOfficePcConfig({ host: 'pc-${user.login}.comune.prato.example' })).toMatchObject({ ok: false, reason: 'needs-details' });
    expect(readOfficePcConfig({ host: 'pc.example', username: '${user.login}' })).toMatchObject({ ok: false, reason: 'needs-details' });
    expect(readOfficePcConfig({ host: 'pc.example', port: 0 })).toEqual({
      ok: false,
      reason: 'invalid',
      detail: 'officePc.port: expected a port from 1 to 65535',
    });
  });

  it('is checked in the signed profile, with ${user.x} allowed where a name part goes', () => {
    expect(Profile.safeParse(profileWith({ host: 'pc-${user.login}.comune.prato.example', username: '${user.login}' })).success).toBe(true);
    const bad = Profile.safeParse(profileWith({ host: 'pc mrossi', certificateSha256: 'abc' }));
    expect(bad.success ? [] : formatSchemaIssues(bad.error, 'profile')).toEqual([
      'profile.officePc.host: expected a host name or IP address such as pc-mrossi.comune.example or 10.0.4.21',
      'profile.officePc.certificateSha256: expected a SHA-256 fingerprint of 64 hex digits, optionally with colons',
    ]);
  });

  it('formats fingerprints and destinations as people and IronRDP expect them', () => {
    expect(formatFingerprint(FINGERPRINT)).toBe(`${'AB:'.repeat(31)}AB`);
    expect(normalizeFingerprint(formatFingerprint(FINGERPRINT))).toBe(FINGERPRINT);
    expect(destinationOf('pc.example', 3389)).toBe('pc.example:3389');
    expect(destinationOf('fd00::21', 3389)).toBe('[fd00::21]:3389');
  });
});
