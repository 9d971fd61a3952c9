import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatFingerprint } from '../../common/office-pc/office-pc-config';
import { runRdpCommand } from '../../main/cli/rdp-command';
import { checkRdp } from '../../main/services/office-pc/rdp-check';
import { freeLoopbackPort } from './peers';
import { missingRdpPeer, startOfficePcLab, type OfficePcLab } from './rdp/office-pc-lab';

const missing = missingRdpPeer();
// Outside CI only (in CI a missing peer throws above): say why the lab is skipped.
if (missing) console.warn(`RDP lab skipped: ${missing}`);

const cli = async (args: string[]) => {
  let out = '';
  let err = '';
  const code = await runRdpCommand(args, { out: (text) => (out += text), err: (text) => (err += text) });
  return { code, out, err };
};

describe.skipIf(missing !== undefined)('scrivania rdp check against FreeRDP shadow servers', () => {
  let nla: OfficePcLab;
  let tls: OfficePcLab;
  let files: string;

  beforeAll(async () => {
    [nla, tls] = await Promise.all([startOfficePcLab({ security: 'nla' }), startOfficePcLab({ security: 'tls' })]);
    files = await mkdtemp(join(tmpdir(), 'scrivania-rdp-check-'));
  });

  afterAll(async () => {
    await Promise.all([nla?.stop(), tls?.stop()]);
    if (files) await rm(files, { recursive: true, force: true });
  });

  it('reports an NLA-only office PC: NLA accepted, TLS and standard RDP refused, and its certificate', async () => {
    const report = await checkRdp('127.0.0.1', nla.port);
    expect(report).toMatchObject({
      reachable: true,
      protocols: {
        nla: { accepted: true },
        tls: { accepted: false, detail: expect.stringContaining('HYBRID_REQUIRED_BY_SERVER') as string },
        rdp: { accepted: false },
      },
      certificate: { sha256: await nla.certificateSha256() },
    });
    expect(report.certificate?.expiresInDays).toBeGreaterThan(0);
  });

  it('reports a TLS-only office PC: TLS accepted, NLA refused', async () => {
    const report = await checkRdp('127.0.0.1', tls.port);
    expect(report.protocols?.tls).toEqual({ accepted: true });
    expect(report.protocols?.nla.accepted).toBe(false);
    expect(report.certificate?.sha256).toBe(await tls.certificateSha256());
  });

  it('prints the check for the office PC of a signed profile, filling ${user.x} from --user, and exits 0', async () => {
    const profile = join(files, 'signed.json');
    await writeFile(
      profile,
      JSON.stringify({
        profile: { officePc: { host: '${user.pc}', port: nla.port } },
        signature: { keyId: '0'.repeat(16), alg: 'Ed25519', value: 'AA==' },
      }),
    );
    const { code, out } = await cli(['check', '--profile', profile, '--user', 'pc=127.0.0.1']);
    expect(code).toBe(0);
    expect(out).toContain(`Office PC 127.0.0.1:${nla.port}`);
    expect(out).toContain('NLA (CredSSP): accepted');
    expect(out).toContain(`SHA-256: ${formatFingerprint(await nla.certificateSha256())}`);
    expect((await cli(['check', '--profile', profile])).err).toContain('pass --user pc=VALUE');
  });

  it('exits 1 for an office PC that does not answer, naming the socket error', async () => {
    const { code, out } = await cli(['check', '--host', '127.0.0.1', '--port', String(await freeLoopbackPort()), '--json']);
    expect(code).toBe(1);
    expect(JSON.parse(out)).toMatchObject({ reachable: false, error: expect.stringContaining('connection refused') as string });
  });
});
