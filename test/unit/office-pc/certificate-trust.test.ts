import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CertificateFacts } from '../../../common/contract/office-pc';
import { judgeCertificate } from '../../../main/services/office-pc/certificate-trust';
import { KNOWN_CERTIFICATES_FILE, KnownCertificates } from '../../../main/services/office-pc/known-certificates';
import { withTempDir } from '../profiles/fixtures';

const presented: CertificateFacts = {
  subject: 'CN=pc-mrossi',
  issuer: 'CN=pc-mrossi',
  validFrom: 'Jan 1 00:00:00 2026 GMT',
  validTo: 'Jan 1 00:00:00 2031 GMT',
  sha256: 'aa'.repeat(32),
};
const other = 'bb'.repeat(32);

describe('certificate trust', () => {
  it('accepts only the pinned certificate when the profile pins one, whatever was trusted before', () => {
    expect(judgeCertificate('pc:3389', presented, presented.sha256, other)).toEqual({ trusted: true });
    expect(judgeCertificate('pc:3389', presented, other, presented.sha256)).toEqual({
      trusted: false,
      question: { kind: 'pin-mismatch', destination: 'pc:3389', presented, expectedSha256: other },
    });
  });

  it('asks about a first certificate, accepts the one trusted before, and warns when it changes', () => {
    expect(judgeCertificate('pc:3389', presented, undefined, undefined)).toEqual({
      trusted: false,
      question: { kind: 'new', destination: 'pc:3389', presented },
    });
    expect(judgeCertificate('pc:3389', presented, undefined, presented.sha256)).toEqual({ trusted: true });
    expect(judgeCertificate('pc:3389', presented, undefined, other)).toEqual({
      trusted: false,
      question: { kind: 'changed', destination: 'pc:3389', presented, expectedSha256: other },
    });
  });
});

describe('the trusted certificates file', () => {
  const temp: { remove(): Promise<void> }[] = [];
  afterEach(async () => Promise.all(temp.splice(0).map((dir) => dir.remove())));

  it('keeps what the employee trusted across restarts, privately, with no temp file left behind', async () => {
    const dir = await withTempDir();
    temp.push(dir);
    await KnownCertificates.inDataDir(dir.dir).trust('PC-MROSSI:3389', {
      sha256: presented.sha256,
      subject: presented.subject,
      trustedAt: '2026-06-01T00:00:00.000Z',
    });
    expect(await KnownCertificates.inDataDir(dir.dir).get('pc-mrossi:3389')).toEqual({
      sha256: presented.sha256,
      subject: presented.subject,
      trustedAt: '2026-06-01T00:00:00.000Z',
    });
    expect(await readdir(dir.dir)).toEqual([KNOWN_CERTIFICATES_FILE]);
    expect((await stat(join(dir.dir, KNOWN_CERTIFICATES_FILE))).mode & 0o777).toBe(0o600);
    expect(JSON.parse(await readFile(join(dir.dir, KNOWN_CERTIFICATES_FILE), 'utf8'))).toMatchObject({
      version: 1,
      certificates: { 'pc-mrossi:3389': { sha256: presented.sha256 } },
    });
  });

  it('ignores a corrupt file, saying so, so every office PC asks again instead of trusting silently', async () => {
    const dir = await withTempDir();
    temp.push(dir);
    await writeFile(join(dir.dir, KNOWN_CERTIFICATES_FILE), '{"version":1,"certificates":{"pc:3389":{"sha256":"not hex"');
    const problems: string[] = [];
    expect(await KnownCertificates.inDataDir(dir.dir, (line) => problems.push(line)).get('pc:3389')).toBeUndefined();
    expect(problems).toEqual([expect.stringMatching(/^office-pc-certificates\.json is corrupt and was ignored: /)]);
  });
});
