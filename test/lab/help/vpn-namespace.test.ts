import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SelfTestReport } from '../../../common/contract/help';
import { labVpnConfig, startOpenVpnLab, type OpenVpnLab } from '../vpn/openvpn-lab';
import { vpnLabUnavailable } from '../vpn/lab-peers';
import { INTRANET_NAME } from '../vpn/peers';

// The VPN and intranet DNS checks inside the client namespace of the VPN lab: a real OpenVPN tunnel to an intranet
// with dnsmasq and an office PC behind it. The checks run in a child process there (namespace-checks-runner.ts).
const unavailable = vpnLabUnavailable();
if (unavailable) console.warn(`self-test VPN namespace lab skipped: ${unavailable}`);

describe.skipIf(unavailable !== undefined)('the VPN and intranet DNS checks over a real OpenVPN tunnel', () => {
  let lab: OpenVpnLab;
  let runner: string;

  beforeAll(async () => {
    lab = await startOpenVpnLab({ hold: false });
    await lab.client.waitForOutput(/Initialization Sequence Completed/, 20_000);
    runner = join(lab.network.dir, 'namespace-checks-runner.mjs');
    await build({
      entryPoints: [fileURLToPath(new URL('./namespace-checks-runner.ts', import.meta.url))],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      outfile: runner,
      logLevel: 'warning',
    });
  }, 60_000);
  afterAll(() => lab?.network.dispose(), 30_000);

  const checksInside = async (): Promise<SelfTestReport['checks']> => {
    const vpn = labVpnConfig(lab.network, { timing: { probeTimeoutMs: 1_000 } });
    const out = await lab.network.exec(lab.network.client, process.execPath, [runner, JSON.stringify(vpn)], 30_000);
    return SelfTestReport.parse(JSON.parse(out)).checks;
  };

  it('passes both while the tunnel is up: tunnel, route, intranet name and office PC all answer', async () => {
    const [vpn, dns] = await checksInside();
    expect(vpn).toMatchObject({ id: 'vpn', outcome: 'pass', meaning: { key: 'help.selfTest.vpn.connected.meaning' } });
    expect(vpn?.detail).toMatch(/^tunnel tun\d+ ok; driver probe-only ok; route 10\.197\.\d+\.0\/24 ok; dns .* ok; tcp Office PC/);
    expect(dns).toMatchObject({ id: 'intranetDns', outcome: 'pass', meaning: { params: { name: INTRANET_NAME } } });
  }, 40_000);

  it('fails both once the tunnel is gone', async () => {
    await lab.client.stop();
    const [vpn, dns] = await checksInside();
    expect(vpn).toMatchObject({ outcome: 'fail', meaning: { key: 'help.selfTest.vpn.disconnected.meaning' } });
    expect(dns).toMatchObject({
      outcome: 'fail',
      meaning: { key: 'help.selfTest.intranetDns.failed.meaning', params: { name: INTRANET_NAME } },
    });
  }, 40_000);
});
