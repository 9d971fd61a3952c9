import { describe, expect, it } from 'vitest';
import { Profile } from '../../../common/profiles/profile-schema';
import { parseVpnConfig } from '../../../common/vpn/vpn-config';
import { INTRANET_NAME } from '../../lab/vpn/peers';
import { demoProfile } from '../../lab/demo/demo-profile';
import { startDemoVpn, UNREACHABLE_INTRANET_DNS } from '../../lab/demo/demo-vpn';
import { parseDemoOptions } from '../../lab/demo/options';

describe('npm run demo flags', () => {
  it('opens the window, starts the tunnel and rings after 20 s, then every 3 minutes, by default', () => {
    expect(parseDemoOptions([])).toEqual({ open: true, tunnel: true, callEverySeconds: 180, firstCallAfterSeconds: 20 });
  });

  it('reads every flag', () => {
    expect(
      parseDemoOptions(['--no-open', '--no-tunnel', '--call-every', '60', '--first-call-after', '5', '--json-status', '/tmp/status.json']),
    ).toEqual({
      open: false,
      tunnel: false,
      callEverySeconds: 60,
      firstCallAfterSeconds: 5,
      jsonStatus: '/tmp/status.json',
    });
    expect(parseDemoOptions(['--help'])).toBe('help');
  });

  it('names what was wrong in one line', () => {
    expect(() => parseDemoOptions(['--call-every', 'often'])).toThrow(
      /^--call-every: expected a whole number of seconds from 10 to 3600, got "often"$/,
    );
    expect(() => parseDemoOptions(['--call-every', '5'])).toThrow(
      /^--call-every: expected a whole number of seconds from 10 to 3600, got "5"$/,
    );
    expect(() => parseDemoOptions(['--first-call-after', '-1'])).toThrow(/first-call-after/);
    expect(() => parseDemoOptions(['--colour'])).toThrow(/^Unknown option '--colour'.* \(see npm run demo -- --help\)$/);
    expect(() => parseDemoOptions(['--json-status', ''])).toThrow(/^--json-status: expected a file name$/);
  });
});

describe('the demo profile', () => {
  const now = new Date('2026-05-04T09:00:00Z');
  const vpn = { tunnelInterfaces: ['scvtun*'], tcpTargets: [{ name: 'Office PC (RDP)', host: '127.0.0.1', port: 43579 }] };

  it('is a valid profile with every section the demo started, and locks only what it configures', () => {
    const profile = demoProfile({
      now,
      vpn,
      officePc: { port: 43579, username: 'mrossi', certificateSha256: 'ab'.repeat(32) },
      phone: {
        server: 'ws://127.0.0.1:45027',
        domain: '127.0.0.1',
        extension: '2041',
        answerGroups: [{ name: 'Polizia Municipale', number: '600' }],
      },
      helpdeskExtension: '2042',
      calendarUrl: 'http://127.0.0.1:46727/ufficio-anagrafe.ics',
      updatesUrl: 'http://127.0.0.1:44531/scrivania/',
    });
    const parsed = Profile.safeParse(profile);
    expect(parsed.error?.issues).toBeUndefined();
    expect(parsed.data).toMatchObject({
      helpdesk: { phone: '2042' },
      enforced: ['/phone/server', '/officePc/host'],
      calendars: [{ url: 'http://127.0.0.1:46727/ufficio-anagrafe.ics' }],
      updates: { url: 'http://127.0.0.1:44531/scrivania/', channel: 'stable' },
    });
    expect(parseVpnConfig(parsed.data?.vpn).ok).toBe(true);
    expect(Date.parse(parsed.data?.expiresAt ?? '')).toBeGreaterThan(now.getTime());
  });

  it('leaves out what did not start, and locks nothing of it', () => {
    const parsed = Profile.parse(demoProfile({ now, vpn }));
    expect(parsed).not.toHaveProperty('phone');
    expect(parsed).not.toHaveProperty('officePc');
    expect(parsed).not.toHaveProperty('updates');
    expect(parsed.enforced).toEqual([]);
    expect(parsed.helpdesk?.phone).toMatch(/^\+39/);
  });
});

describe('the demo VPN without a tunnel', () => {
  it('names the intranet and a DNS server on this machine that is not there, so the DNS check fails without leaving it', async () => {
    const vpn = await startDemoVpn({ tunnel: false, loopbackTarget: { name: 'Office PC (RDP)', port: 43579 } });
    expect(vpn).toMatchObject({ mode: 'probe-only', reason: 'started with --no-tunnel', namespaces: [] });
    const parsed = parseVpnConfig(vpn.config);
    expect(parsed.ok && parsed.config).toMatchObject({
      tunnelInterfaces: ['scvtun*'],
      intranetName: INTRANET_NAME,
      dnsServers: [UNREACHABLE_INTRANET_DNS],
      tcpTargets: [{ host: '127.0.0.1', port: 43579 }],
    });
    expect(UNREACHABLE_INTRANET_DNS).toMatch(/^127\./);
    await vpn.stop();
  });
});
