import { describe, expect, it } from 'vitest';
import type { CommandRunner } from '../../../main/services/vpn/command-runner';
import { NetworkManagerDriver } from '../../../main/services/vpn/drivers/networkmanager-driver';
import { parseActiveConnections, splitTerseLine } from '../../../main/services/vpn/drivers/nmcli-parser';
import { rasdialError, rasdialListsEntry } from '../../../main/services/vpn/drivers/rasdial-parser';
import { WindowsRasDriver } from '../../../main/services/vpn/drivers/windows-ras-driver';

// `nmcli -t -f NAME,TYPE,DEVICE,STATE connection show --active` (NetworkManager 1.42) while an OpenVPN plugin
// connection whose name holds a colon is activating, and once activated.
const activating = `Wired connection 1:802-3-ethernet:enp1s0:activated
Comune\\: VPN uffici:vpn:enp1s0:activating
lo:loopback:lo:activated
`;
const activated = `Wired connection 1:802-3-ethernet:enp1s0:activated
Comune\\: VPN uffici:vpn:enp1s0:activated
tun0:tun:tun0:activated
lo:loopback:lo:activated
`;

const rasdialConnected = 'Connected to\r\nUfficio Comune\r\nCommand completed successfully.\r\n';
const rasdialItalian = 'Connesso a\r\nUfficio Comune\r\nEsecuzione comando riuscita.\r\n';
const rasdialNone = 'No connections\r\nCommand completed successfully.\r\n';
const rasdialDenied = `Connecting to Ufficio Comune...
Verifying username and password...
Remote Access error 691 - The remote connection was denied because the user name and password combination you provided is not recognized, or the selected authentication protocol is not permitted on the remote access server.

For more help on this error:
        Type 'hh netcfg.chm'
        In help, click Troubleshooting, then Error Messages, then 691
`;

const printing =
  (stdout: string, code = 0): CommandRunner =>
  async () => ({ code, stdout, stderr: '' });

describe('nmcli terse output', () => {
  it('splits on colons but not on escaped ones', () => {
    expect(splitTerseLine('Comune\\: VPN uffici:vpn:enp1s0:activating')).toEqual(['Comune: VPN uffici', 'vpn', 'enp1s0', 'activating']);
    expect(splitTerseLine('back\\\\slash:vpn::activated')).toEqual(['back\\slash', 'vpn', '', 'activated']);
  });

  it('lists the active connections', () => {
    expect(parseActiveConnections(activated).map((entry) => `${entry.name}/${entry.state}`)).toEqual([
      'Wired connection 1/activated',
      'Comune: VPN uffici/activated',
      'tun0/activated',
      'lo/activated',
    ]);
  });

  it('maps the connection state to the driver phase', async () => {
    const driver = (output: string) =>
      new NetworkManagerDriver({
        config: { kind: 'networkmanager', connection: 'Comune: VPN uffici' },
        run: printing(output),
        connectTimeoutMs: 1000,
      });
    expect(await driver(activating).status(1000)).toEqual({
      phase: 'connecting',
      reason: { key: 'vpn.reason.nmState', params: { connection: 'Comune: VPN uffici', state: 'activating' } },
    });
    expect(await driver(activated).status(1000)).toEqual({ phase: 'connected' });
    expect(await driver('lo:loopback:lo:activated\n').status(1000)).toMatchObject({
      phase: 'down',
      reason: { key: 'vpn.reason.nmInactive' },
    });
  });
});

describe('rasdial output', () => {
  it('finds a connected entry whatever the display language', () => {
    expect(rasdialListsEntry(rasdialConnected, 'Ufficio Comune')).toBe(true);
    expect(rasdialListsEntry(rasdialItalian, 'ufficio comune')).toBe(true);
    expect(rasdialListsEntry(rasdialNone, 'Ufficio Comune')).toBe(false);
    expect(rasdialListsEntry(rasdialConnected, 'Ufficio')).toBe(false);
  });

  it('picks the error line of a failed dial', () => {
    expect(rasdialError(rasdialDenied)).toMatch(/^Remote Access error 691 - The remote connection was denied/);
  });

  it('fails a connect with that one line', async () => {
    const driver = new WindowsRasDriver({
      config: { kind: 'windows-ras', entry: 'Ufficio Comune' },
      run: printing(rasdialDenied, 691),
      connectTimeoutMs: 1000,
    });
    await expect(driver.connect()).rejects.toThrow(/^rasdial could not connect "Ufficio Comune": Remote Access error 691 - [^\n]*$/);
    expect(
      await new WindowsRasDriver({
        config: { kind: 'windows-ras', entry: 'Ufficio Comune' },
        run: printing(rasdialNone),
        connectTimeoutMs: 1000,
      }).status(1000),
    ).toMatchObject({ phase: 'down', reason: { key: 'vpn.reason.rasNotConnected' } });
  });
});
