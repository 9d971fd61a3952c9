import { destinationOf, formatFingerprint, readOfficePcConfig } from '../../../../../common/office-pc/office-pc-config';
import { KnownCertificates } from '../../../office-pc/known-certificates';
import { checkRdp, type RdpCheckReport } from '../../../office-pc/rdp-check';
import type { SelfTestCheckDefinition } from '../check';
import { notConfigured, verdict } from '../check';

const PROBE_TIMEOUT_MS = 3_000;

const securityOf = (report: RdpCheckReport): string => {
  const accepted = (['nla', 'tls', 'rdp'] as const).filter((protocol) => report.protocols?.[protocol].accepted);
  return accepted.length > 0 ? accepted.map((protocol) => protocol.toUpperCase()).join(', ') : 'none';
};

/** TCP to the office PC's RDP port, the security it accepts, and its certificate against the pinned or trusted one. */
export const officePcCheck: SelfTestCheckDefinition = {
  id: 'officePc',
  timeoutMs: 15_000,
  run: async ({ effective, dataDir, now, log }) => {
    const read = readOfficePcConfig(effective.config.officePc);
    if (!read.ok && read.reason === 'absent') return notConfigured();
    if (!read.ok && read.reason === 'needs-details') return verdict('warn', 'officePc', 'needsDetails', { detail: read.detail ?? '' });
    if (!read.ok) return verdict('fail', 'officePc', 'invalid', { detail: read.detail ?? '' });
    const { host, port, certificateSha256: pinned, name } = read.config;
    const params = { name, host, port };
    const report = await checkRdp(host, port, { timeoutMs: PROBE_TIMEOUT_MS, now });
    if (!report.reachable)
      return verdict('fail', 'officePc', 'unreachable', { params, detail: `${host}:${port}: ${report.error ?? 'no answer'}` });
    const security = securityOf(report);
    const certificate = report.certificate;
    const facts = `${host}:${port} answers in ${report.connectMs ?? 0} ms; accepts ${security}${certificate ? `; certificate ${certificate.subject}, SHA-256 ${formatFingerprint(certificate.sha256)}, valid to ${certificate.validTo}` : '; no certificate seen'}`;
    if (security === 'none') return verdict('fail', 'officePc', 'noSecurity', { params, detail: facts });
    if (certificate && pinned !== undefined && certificate.sha256 !== pinned)
      return verdict('fail', 'officePc', 'pinMismatch', { params, detail: `${facts}; expected ${formatFingerprint(pinned)}` });
    const known =
      certificate && pinned === undefined
        ? await KnownCertificates.inDataDir(dataDir, (line) => log.warn(line)).get(destinationOf(host, port))
        : undefined;
    if (certificate && known && known.sha256 !== certificate.sha256)
      return verdict('warn', 'officePc', 'certificateChanged', {
        params,
        detail: `${facts}; trusted before ${formatFingerprint(known.sha256)}`,
      });
    if (certificate && certificate.expiresInDays < 0) return verdict('warn', 'officePc', 'certificateExpired', { params, detail: facts });
    return verdict('pass', 'officePc', 'ok', { params: { ...params, security }, detail: facts, action: false });
  },
};
