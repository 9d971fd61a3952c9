import { createHash, X509Certificate } from 'node:crypto';
import type { CertificateFacts, CertificateQuestion } from '../../../common/contract/office-pc';

/** Subject, issuer, validity and SHA-256 of a DER certificate: what the employee is shown before trusting it. */
export const certificateFacts = (der: Uint8Array): CertificateFacts => {
  const sha256 = createHash('sha256').update(der).digest('hex');
  try {
    const certificate = new X509Certificate(der);
    return {
      subject: oneLineName(certificate.subject),
      issuer: oneLineName(certificate.issuer),
      validFrom: certificate.validFrom,
      validTo: certificate.validTo,
      sha256,
    };
  } catch {
    return { subject: '(unreadable certificate)', issuer: '', validFrom: '', validTo: '', sha256 };
  }
};

/** Node prints distinguished names one attribute per line. */
const oneLineName = (name: string): string =>
  name
    .split('\n')
    .map((part) => part.trim())
    .filter(Boolean)
    .join(', ');

export type TrustVerdict = { trusted: true } | { trusted: false; question: CertificateQuestion };

/**
 * A pin from the profile decides alone. Without one, trust on first use: the fingerprint the employee accepted
 * before for this destination must match; none known is a question; a different one is a blocking warning.
 */
export const judgeCertificate = (
  destination: string,
  presented: CertificateFacts,
  pinned: string | undefined,
  known: string | undefined,
): TrustVerdict => {
  if (pinned !== undefined) {
    if (presented.sha256 === pinned) return { trusted: true };
    return { trusted: false, question: { kind: 'pin-mismatch', destination, presented, expectedSha256: pinned } };
  }
  if (known === undefined) return { trusted: false, question: { kind: 'new', destination, presented } };
  if (known === presented.sha256) return { trusted: true };
  return { trusted: false, question: { kind: 'changed', destination, presented, expectedSha256: known } };
};
