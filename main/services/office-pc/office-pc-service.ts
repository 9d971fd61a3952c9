import { Refusal } from '../refusal';
import { notConfiguredStatus, type CapabilityStatus } from '../../../common/contract';
import type { OfficePcSessionTicket, OfficePcState, Reachability, SessionOutcome } from '../../../common/contract/office-pc';
import { Emitter } from '../../../common/emitter';
import { readOfficePcConfig, type OfficePcConfig, type OfficePcConfigResult } from '../../../common/office-pc/office-pc-config';
import type { Logger } from '../logging/logger';
import { certificateFacts, judgeCertificate, type TrustVerdict } from './certificate-trust';
import { KnownCertificates } from './known-certificates';
import { probeReachability } from './reachability';
import { RdpRelay } from './rdp-relay';
import type { RelayTimeouts } from './relay-session';

export interface OfficePcServicePorts {
  log: Logger;
  /** Where the certificates the employee trusted are kept. */
  dataDir: string;
  clock?: () => Date;
  /** How often the office PC's reachability is checked while configured; 0 checks only on demand and on change. */
  probeIntervalMs?: number;
  probeTimeoutMs?: number;
  relayTimeouts?: Partial<RelayTimeouts>;
  /** The host's own page origin, the only one the relay admits. */
  rendererOrigin?: () => string | undefined;
}

export interface OfficePcEvents extends Record<string, unknown> {
  state: OfficePcState;
  status: CapabilityStatus;
}

const DEFAULT_PROBE_INTERVAL_MS = 60_000;
const DEFAULT_PROBE_TIMEOUT_MS = 3_000;

/** The office PC capability in main: its configuration, reachability, the RDCleanPath relay and certificate trust. */
export class OfficePcService extends Emitter<OfficePcEvents> {
  private configured: OfficePcConfigResult = { ok: false, reason: 'absent' };
  private current: OfficePcState = {
    configuration: 'absent',
    certificatePinned: false,
    reachability: { state: 'unknown' },
    activeSessions: 0,
    connectingSessions: 0,
    connectedSessions: 0,
  };
  private readonly relay: RdpRelay;
  private readonly known: KnownCertificates;
  private readonly clock: () => Date;
  private probeTimer: NodeJS.Timeout | undefined;
  private probing: Promise<Reachability> | undefined;
  private disposed = false;

  constructor(private readonly ports: OfficePcServicePorts) {
    super();
    this.clock = ports.clock ?? (() => new Date());
    this.known = KnownCertificates.inDataDir(ports.dataDir, (line) => ports.log.warn(line));
    this.relay = new RdpRelay({
      log: ports.log.child('relay'),
      judge: (destination, chain) => this.judge(destination, chain),
      onChange: () => this.update(this.sessionCounts()),
      ...(ports.relayTimeouts ? { timeouts: ports.relayTimeouts } : {}),
      ...(ports.rendererOrigin ? { rendererOrigin: ports.rendererOrigin } : {}),
    });
    // Listening before the page loads lets its CSP name the relay's very port instead of any loopback port.
    this.relay.listen().catch((error: unknown) => ports.log.warn('the RDP relay could not listen', { error: String(error) }));
  }

  /** What the renderer's CSP must allow to reach the relay: its own port only, once listening. */
  connectSources(): string[] {
    const port = this.relay.port;
    return port === undefined ? [] : [`ws://127.0.0.1:${port}`];
  }

  state(): OfficePcState {
    return this.current;
  }

  status(): CapabilityStatus {
    return statusOf(this.current);
  }

  /** The effective configuration's `officePc` section, whenever it changes. */
  configure(section: unknown): void {
    const next = readOfficePcConfig(section);
    const before = this.configured.ok ? this.configured.config : undefined;
    const after = next.ok ? next.config : undefined;
    this.configured = next;
    const samePc = before !== undefined && after !== undefined && before.host === after.host && before.port === after.port;
    if (!samePc) this.relay.closeAll();
    // A pending certificate question still stands for the same PC under the same pin; anything else asks afresh.
    const question = samePc && before.certificateSha256 === after.certificateSha256 ? this.current.certificateQuestion : undefined;
    this.current = {
      ...describeConfiguration(next),
      reachability: samePc ? this.current.reachability : { state: 'unknown' },
      ...this.sessionCounts(),
      ...(question ? { certificateQuestion: question } : {}),
    };
    this.publish();
    this.scheduleProbes(samePc);
  }

  async openSession(): Promise<OfficePcSessionTicket> {
    const config = this.ready();
    const ticket = await this.relay.issue(config.host, config.port, {
      ...(config.username ? { username: config.username } : {}),
      ...(config.domain ? { domain: config.domain } : {}),
    });
    this.ports.log.info('office PC session issued', { session: ticket.sessionId, destination: ticket.destination });
    this.update(this.sessionCounts());
    return ticket;
  }

  /** The renderer's client signed in over the session: the card may say connected. */
  sessionSignedIn(sessionId: string): boolean {
    return this.relay.markSignedIn(sessionId);
  }

  sessionOutcome(sessionId: string): SessionOutcome {
    const outcome = this.relay.outcome(sessionId);
    if (!outcome) throw Refusal.because('officePc.session-gone', `no session ${sessionId}`);
    return outcome;
  }

  closeSession(sessionId: string): boolean {
    return this.relay.close(sessionId);
  }

  /** Keeps or drops the certificate the employee was asked about; the fingerprint must be the one shown. */
  async answerCertificate(sha256: string, trust: boolean): Promise<boolean> {
    const question = this.current.certificateQuestion;
    if (!question || question.presented.sha256 !== sha256)
      throw Refusal.because(
        'officePc.certificate-not-asked',
        'that certificate is not waiting for an answer: connect again to see the current one',
      );
    if (trust && question.kind === 'pin-mismatch')
      throw Refusal.because(
        'officePc.certificate-locked',
        'the help desk pinned another certificate for this office PC: only a new profile can change it',
        'forbidden',
      );
    if (trust) {
      await this.known.trust(question.destination, { sha256, subject: question.presented.subject, trustedAt: this.clock().toISOString() });
      this.ports.log.info('office PC certificate trusted', {
        destination: question.destination,
        sha256,
        replaced: question.expectedSha256 ?? null,
      });
    }
    const { certificateQuestion: _answered, ...rest } = this.current;
    this.current = rest;
    this.publish();
    return trust;
  }

  async checkReachability(): Promise<Reachability> {
    const config = this.ready();
    this.probing ??= (async () => {
      this.update({ reachability: { ...this.current.reachability, state: 'checking' } });
      const result = await probeReachability(config.host, config.port, this.ports.probeTimeoutMs ?? DEFAULT_PROBE_TIMEOUT_MS, this.clock);
      const stillSame = this.configured.ok && this.configured.config.host === config.host && this.configured.config.port === config.port;
      if (stillSame && !this.disposed) this.update({ reachability: result });
      return result;
    })().finally(() => {
      this.probing = undefined;
    });
    return this.probing;
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    clearInterval(this.probeTimer);
    await this.relay.stop();
  }

  private ready(): OfficePcConfig {
    if (this.configured.ok) return this.configured.config;
    const why = {
      absent: 'no office PC is configured: your help desk sends it in the configuration profile',
      'needs-details': 'type your details on the Profile page first: the office PC name uses them',
      invalid: `the profile's office PC settings are invalid: ${this.configured.detail ?? ''}`,
    };
    const problems = {
      absent: 'officePc.not-configured',
      'needs-details': 'officePc.needs-details',
      invalid: 'officePc.invalid-config',
    } as const;
    throw Refusal.because(problems[this.configured.reason], why[this.configured.reason]);
  }

  private async judge(destination: string, chain: Uint8Array[]): Promise<TrustVerdict> {
    const presented = certificateFacts(chain[0] as Uint8Array);
    const pinned = this.configured.ok ? this.configured.config.certificateSha256 : undefined;
    const known = await this.known.get(destination);
    const verdict = judgeCertificate(destination, presented, pinned, known?.sha256);
    if (!verdict.trusted) {
      this.ports.log.warn('office PC certificate not trusted', { destination, kind: verdict.question.kind, sha256: presented.sha256 });
      this.update({ certificateQuestion: verdict.question });
    }
    return verdict;
  }

  private scheduleProbes(samePc: boolean): void {
    clearInterval(this.probeTimer);
    this.probeTimer = undefined;
    if (!this.configured.ok || this.disposed) return;
    if (!samePc || this.current.reachability.state === 'unknown') void this.checkReachability().catch(() => undefined);
    const interval = this.ports.probeIntervalMs ?? DEFAULT_PROBE_INTERVAL_MS;
    if (interval <= 0) return;
    this.probeTimer = setInterval(() => {
      if (this.current.activeSessions === 0) void this.checkReachability().catch(() => undefined);
    }, interval);
    this.probeTimer.unref();
  }

  private sessionCounts(): Pick<OfficePcState, 'activeSessions' | 'connectingSessions' | 'connectedSessions'> {
    const counts = this.relay.counts();
    return { activeSessions: counts.relaying, connectingSessions: counts.connecting, connectedSessions: counts.connected };
  }

  private update(change: Partial<OfficePcState>): void {
    this.current = { ...this.current, ...change };
    this.publish();
  }

  private publish(): void {
    this.emit('state', this.current);
    this.emit('status', statusOf(this.current));
  }
}

const describeConfiguration = (
  result: OfficePcConfigResult,
): Omit<OfficePcState, 'reachability' | 'activeSessions' | 'connectingSessions' | 'connectedSessions'> => {
  if (!result.ok) return { configuration: result.reason, certificatePinned: false, ...(result.detail ? { problem: result.detail } : {}) };
  const { config } = result;
  return {
    configuration: 'ready',
    name: config.name,
    host: config.host,
    port: config.port,
    ...(config.username ? { username: config.username } : {}),
    ...(config.domain ? { domain: config.domain } : {}),
    display: config.display,
    certificatePinned: config.certificateSha256 !== undefined,
  };
};

/** The dashboard card's line: name and reachability, or what is in the way. */
export const statusOf = (state: OfficePcState): CapabilityStatus => {
  if (state.configuration === 'absent') return notConfiguredStatus;
  if (state.configuration === 'invalid')
    return { level: 'error', summary: { key: 'officePc.status.invalid', params: { detail: state.problem ?? '' } } };
  if (state.configuration === 'needs-details') return { level: 'warning', summary: { key: 'officePc.status.needsDetails' } };
  const name = state.name ?? state.host ?? '';
  const question = state.certificateQuestion;
  if (question && question.kind !== 'new')
    return { level: 'error', summary: { key: 'officePc.status.certificateChanged', params: { name } } };
  if (state.connectedSessions > 0) return { level: 'ok', summary: { key: 'officePc.status.connected', params: { name } } };
  // Bytes flowing is not yet being connected: the sign-in can still fail, so until the client says so it is connecting.
  if (state.connectingSessions > 0) return { level: 'busy', summary: { key: 'officePc.status.connecting', params: { name } } };
  if (state.reachability.state === 'reachable') return { level: 'idle', summary: { key: 'officePc.status.reachable', params: { name } } };
  if (state.reachability.state === 'unreachable')
    return { level: 'warning', summary: { key: 'officePc.status.unreachable', params: { name } } };
  return { level: 'idle', summary: { key: 'officePc.status.checking', params: { name } } };
};
