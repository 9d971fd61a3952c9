import type { Socket } from 'node:net';
import type { CertificateFacts } from '../../../common/contract/office-pc';
import { certificateFacts } from './certificate-trust';
import { certificateChain, exchangeX224, LinkError, openTcp, upgradeToTls } from './office-pc-link';
import { connectionRequest, negotiationFailureText, parseConnectionConfirm, Protocol } from './x224';
import { messageOf } from '../../../common/error-message';

/** The security protocols a help desk asks about, each tried on its own connection. */
export type SecurityProtocol = 'nla' | 'tls' | 'rdp';

export interface ProtocolAnswer {
  accepted: boolean;
  /** Why not, in the server's terms (RDP_NEG_FAILURE), or what it chose instead. */
  detail?: string;
}

export interface RdpCheckReport {
  host: string;
  port: number;
  reachable: boolean;
  /** TCP handshake time for reachable, the socket error otherwise. */
  connectMs?: number;
  error?: string;
  protocols?: Record<SecurityProtocol, ProtocolAnswer>;
  certificate?: CertificateFacts & { expiresInDays: number };
}

const requests: Record<SecurityProtocol, number> = {
  nla: Protocol.hybrid | Protocol.ssl | Protocol.hybridEx,
  tls: Protocol.ssl,
  rdp: Protocol.rdp,
};

const acceptedWhen: Record<SecurityProtocol, (selected: number) => boolean> = {
  nla: (selected) => selected === Protocol.hybrid || selected === Protocol.hybridEx,
  tls: (selected) => selected === Protocol.ssl,
  rdp: (selected) => selected === Protocol.rdp,
};

const protocolName = (selected: number): string =>
  ({
    [Protocol.rdp]: 'standard RDP security',
    [Protocol.ssl]: 'TLS',
    [Protocol.hybrid]: 'NLA',
    [Protocol.hybridEx]: 'NLA (HYBRID_EX)',
    [Protocol.rdstls]: 'RDSTLS',
  })[selected] ?? `protocol ${selected}`;

interface Probe {
  answer: ProtocolAnswer;
  certificate?: CertificateFacts;
}

/** One X.224 negotiation asking for `protocol` only; on TLS-based answers, the certificate too. */
const probe = async (
  host: string,
  port: number,
  protocol: SecurityProtocol,
  timeoutMs: number,
  wantCertificate: boolean,
): Promise<Probe> => {
  let socket: Socket | undefined;
  try {
    socket = await openTcp(host, port, timeoutMs);
    socket.on('error', () => undefined);
    const confirm = parseConnectionConfirm(await exchangeX224(socket, connectionRequest(requests[protocol]), timeoutMs));
    if (confirm.kind === 'failure')
      return { answer: { accepted: false, detail: negotiationFailureText[confirm.code] ?? `negotiation failure ${confirm.code}` } };
    const selected = confirm.kind === 'legacy' ? Protocol.rdp : confirm.protocol;
    const answer: ProtocolAnswer = acceptedWhen[protocol](selected)
      ? { accepted: true }
      : { accepted: false, detail: `the server chose ${protocolName(selected)} instead` };
    if (!wantCertificate || selected === Protocol.rdp) return { answer };
    const secure = await upgradeToTls(socket, host, timeoutMs);
    secure.on('error', () => undefined);
    const [leaf] = certificateChain(secure);
    secure.destroy();
    return leaf ? { answer, certificate: certificateFacts(leaf) } : { answer };
  } catch (error) {
    return { answer: { accepted: false, detail: messageOf(error) } };
  } finally {
    socket?.destroy();
  }
};

const DAY_MS = 86_400_000;

/**
 * What a help desk needs to know about an office PC: does it answer on its RDP port, which security it accepts
 * (asked one protocol at a time, as X.224 negotiation answers only for what is requested), and its certificate.
 */
export const checkRdp = async (
  host: string,
  port: number,
  options: { timeoutMs?: number; now?: () => Date } = {},
): Promise<RdpCheckReport> => {
  const timeoutMs = options.timeoutMs ?? 5_000;
  const started = performance.now();
  try {
    const socket = await openTcp(host, port, timeoutMs);
    socket.destroy();
  } catch (error) {
    return { host, port, reachable: false, error: error instanceof LinkError ? error.message : String(error) };
  }
  const connectMs = Math.round(performance.now() - started);
  const nla = await probe(host, port, 'nla', timeoutMs, true);
  const tls = await probe(host, port, 'tls', timeoutMs, nla.certificate === undefined);
  const rdp = await probe(host, port, 'rdp', timeoutMs, false);
  const certificate = nla.certificate ?? tls.certificate;
  const now = (options.now ?? (() => new Date()))().getTime();
  return {
    host,
    port,
    reachable: true,
    connectMs,
    protocols: { nla: nla.answer, tls: tls.answer, rdp: rdp.answer },
    ...(certificate
      ? { certificate: { ...certificate, expiresInDays: Math.floor((Date.parse(certificate.validTo) - now) / DAY_MS) } }
      : {}),
  };
};
