import { parseVpnConfig } from '../../../../../common/vpn/vpn-config';
import { reasonWithDetail } from '../../../../../common/vpn/reason-detail';
import { formatMessage, messagesFor } from '../../../text/localized-text';
import { cAresResolve, probeDns, type DnsResolve } from '../../../vpn/probes/dns-probe';
import type { SelfTestCheckDefinition } from '../check';
import { hasContent, notConfigured, verdict } from '../check';

/** The VPN section's intranet name resolves (through its own DNS servers when it names them). */
export const intranetDnsCheck = (resolve: DnsResolve = cAresResolve): SelfTestCheckDefinition => ({
  id: 'intranetDns',
  timeoutMs: 5_000,
  run: async ({ effective, timeoutMs }) => {
    if (!hasContent(effective.config.vpn)) return notConfigured();
    const parsed = parseVpnConfig(effective.config.vpn);
    if (!parsed.ok) return verdict('fail', 'intranetDns', 'invalid', { detail: parsed.reason });
    const { intranetName, dnsServers } = parsed.config;
    if (intranetName === undefined) return notConfigured('the vpn section names no intranetName');
    const servers = dnsServers ? { servers: dnsServers } : {};
    const probe = await probeDns(intranetName, resolve, { timeoutMs: Math.max(timeoutMs - 500, 500), ...servers });
    const via = dnsServers ? ` via ${dnsServers.join(', ')}` : ' via the system DNS';
    if (probe.ok)
      return verdict('pass', 'intranetDns', 'ok', {
        params: { name: intranetName },
        detail: `${intranetName} resolved${via} in ${probe.ms ?? 0} ms`,
        action: false,
      });
    const reason = probe.reason
      ? reasonWithDetail(formatMessage(messagesFor('en'), probe.reason).replace(/\.$/, ''), probe.reason)
      : 'no answer';
    return verdict('fail', 'intranetDns', 'failed', { params: { name: intranetName }, detail: `${reason}${via}` });
  },
});
