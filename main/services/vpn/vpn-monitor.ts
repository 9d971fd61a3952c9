import { networkInterfaces } from 'node:os';
import type { VpnDetails, VpnDriverInfo, VpnProbe, VpnState } from '../../../common/contract/vpn';
import { Emitter } from '../../../common/emitter';
import type { VpnConfig } from '../../../common/vpn/vpn-config';
import type { Logger } from '../logging/logger';
import { execFileRunner, type CommandRunner } from './command-runner';
import { createDriver } from './drivers/create-driver';
import { DriverError, type DriverStatus, type VpnDriver } from './drivers/driver';
import { InterfaceWatcher } from './interface-watcher';
import { NotificationThrottle, type VpnNotice } from './notification-throttle';
import { ProbeScheduler, type RoundOutcome } from './probe-scheduler';
import { cAresResolve, probeDns, type DnsResolve } from './probes/dns-probe';
import type { InterfaceLister, TunnelInterface } from './probes/interfaces';
import { probeRoute, routeFinderFor, type RouteFinder } from './probes/route-probe';
import { nodeTcpConnect, probeTcp, type TcpConnect } from './probes/tcp-probe';
import { probeTunnel } from './probes/tunnel-probe';
import { decideState, tunnelIsUp } from './vpn-state-machine';
import { messageOf } from '../../../common/error-message';

export interface VpnMonitorPorts {
  log: Logger;
  listInterfaces?: InterfaceLister;
  run?: CommandRunner;
  resolveDns?: DnsResolve;
  tcpConnect?: TcpConnect;
  findRoute?: RouteFinder;
  /** Unix milliseconds. */
  now?: () => number;
  /** The keychain's VPN secret, for a password-protected OpenVPN management interface. */
  managementPassword?: () => Promise<string | undefined>;
}

export interface VpnMonitorStats {
  /** Probe rounds since the monitor was configured. */
  rounds: number;
  /** Individual probes (tunnel, driver, route, DNS, TCP) in those rounds. */
  probes: number;
}

const SETTLE_ROUNDS = 3;
const DEBOUNCE_MS = 25;

const PROBE_ONLY: VpnDriverInfo = { kind: 'probe-only', canConnect: false, canDisconnect: false };

/** One configuration's probing: replaced as a whole when the configuration changes. */
interface Session {
  config: VpnConfig;
  driver: VpnDriver;
  scheduler: ProbeScheduler;
  watcher: InterfaceWatcher;
  throttle: NotificationThrottle;
  /** When the employee asked to connect; cleared once connected, on failure or on disconnect. */
  requestedAt?: number | undefined;
  /** When the driver started connecting on its own (e.g. OpenVPN reconnecting); cleared when it stops. */
  driverConnectingSince?: number | undefined;
  tunnelSince?: number | undefined;
  stats: VpnMonitorStats;
}

/**
 * Whether the employee really reaches the office: a tunnel interface, a route to each corporate subnet through it,
 * the intranet name resolving, each TCP target accepting — and the VPN client's own word where a driver can ask
 * it. Emits `state` after every probe round and `notify` (throttled) when the state settles somewhere new.
 */
export class VpnMonitor extends Emitter<{ state: VpnState; notify: VpnNotice }> {
  private session: Session | undefined;
  private current: VpnState;
  private readonly listInterfaces: InterfaceLister;
  private readonly run: CommandRunner;
  private readonly resolveDns: DnsResolve;
  private readonly tcpConnect: TcpConnect;
  private readonly findRoute: RouteFinder;
  private readonly now: () => number;
  private readonly log: Logger;

  constructor(private readonly ports: VpnMonitorPorts) {
    super();
    this.log = ports.log;
    this.listInterfaces = ports.listInterfaces ?? networkInterfaces;
    this.run = ports.run ?? execFileRunner;
    this.resolveDns = ports.resolveDns ?? cAresResolve;
    this.tcpConnect = ports.tcpConnect ?? nodeTcpConnect;
    this.findRoute = ports.findRoute ?? routeFinderFor(process.platform, this.run);
    this.now = ports.now ?? Date.now;
    this.current = this.unconfiguredState();
  }

  /** Starts probing for this configuration, or stops when it is undefined (the card says "not configured"). */
  configure(config: VpnConfig | undefined): void {
    // A profile re-applied with the same section keeps the running probes, driver connection and throttle.
    if (config && this.session && JSON.stringify(config) === JSON.stringify(this.session.config)) return;
    this.stopSession();
    if (!config) {
      this.publish(this.unconfiguredState());
      return;
    }
    const driver = createDriver(config, {
      run: this.run,
      now: this.now,
      log: this.log.child('driver'),
      ...(this.ports.managementPassword ? { managementPassword: this.ports.managementPassword } : {}),
    });
    const { timing } = config;
    const session: Session = {
      config,
      driver,
      scheduler: new ProbeScheduler({
        run: () => this.round(session),
        onError: (error) => this.log.error('vpn probe round failed', { error: messageOf(error) }),
        stableIntervalMs: timing.stableIntervalMs,
        fastIntervalMs: timing.fastIntervalMs,
        settleRounds: SETTLE_ROUNDS,
        debounceMs: DEBOUNCE_MS,
      }),
      watcher: new InterfaceWatcher(this.listInterfaces, timing.changePollMs, () => session.scheduler.trigger()),
      throttle: new NotificationThrottle(timing.notifyMinIntervalMs, this.now, (notice) => this.emit('notify', notice)),
      stats: { rounds: 0, probes: 0 },
    };
    this.session = session;
    this.publish({ ...this.unconfiguredState(), configured: true, reasons: [], driver: this.driverInfo(driver) });
    driver.start(() => session.scheduler.trigger());
    session.watcher.start();
    session.scheduler.start();
    this.log.info('vpn probing configured', {
      driver: driver.kind,
      subnets: config.corporateSubnets.length,
      tcpTargets: config.tcpTargets.length,
      dns: config.intranetName !== undefined,
    });
  }

  state(): VpnState {
    return this.current;
  }

  stats(): VpnMonitorStats {
    return { ...(this.session?.stats ?? { rounds: 0, probes: 0 }) };
  }

  /** Probes now and answers with the result. */
  async refresh(): Promise<VpnState> {
    await this.session?.scheduler.runNow();
    return this.current;
  }

  async connect(): Promise<VpnState> {
    const session = this.requireSession();
    session.requestedAt = this.now();
    session.scheduler.trigger();
    try {
      await session.driver.connect();
    } catch (error) {
      session.requestedAt = undefined;
      session.scheduler.trigger();
      throw error;
    }
    return this.refresh();
  }

  async disconnect(): Promise<VpnState> {
    const session = this.requireSession();
    session.requestedAt = undefined;
    await session.driver.disconnect();
    return this.refresh();
  }

  dispose(): void {
    this.stopSession();
  }

  private requireSession(): Session {
    if (this.session) return this.session;
    throw new DriverError('The VPN is not configured yet: your help desk sends its settings in a configuration profile', {
      code: 'vpn.not-configured',
    });
  }

  private stopSession(): void {
    const session = this.session;
    if (!session) return;
    this.session = undefined;
    session.scheduler.stop();
    session.watcher.stop();
    session.throttle.dispose();
    session.driver.dispose();
  }

  private async round(session: Session): Promise<RoundOutcome> {
    const { config } = session;
    const timeoutMs = config.timing.probeTimeoutMs;
    const tunnel = probeTunnel(config.tunnelInterfaces, this.listInterfaces);
    const driver = await session.driver.status(timeoutMs);
    if (driver.phase !== 'connecting') session.driverConnectingSince = undefined;
    else session.driverConnectingSince ??= this.now();
    const up = tunnelIsUp(tunnel.probe, driver);
    const checks = up ? await this.runChecks(config, tunnel.interfaces) : { probes: [] };
    if (session !== this.session) return { changed: false, busy: false };

    const now = this.now();
    const attemptSince = session.requestedAt ?? session.driverConnectingSince;
    const decision = decideState({
      configured: true,
      tunnel: tunnel.probe,
      checks: checks.probes,
      driver,
      now,
      connectTimeoutMs: config.timing.connectTimeoutMs,
      ...(attemptSince !== undefined ? { attemptSince } : {}),
    });
    if (decision.state === 'connected') session.requestedAt = undefined;
    session.tunnelSince = up ? (session.tunnelSince ?? now) : undefined;
    session.stats.rounds++;
    session.stats.probes += 2 + checks.probes.length;

    const previous = this.current;
    const next: VpnState = {
      state: decision.state,
      configured: true,
      reasons: decision.reasons,
      probes: [tunnel.probe, this.driverProbe(session.driver, driver), ...checks.probes],
      details: up ? this.details(driver, tunnel.interfaces, checks, session.tunnelSince ?? now) : {},
      driver: this.driverInfo(session.driver),
      since: previous.state === decision.state && previous.configured ? previous.since : new Date(now).toISOString(),
      checkedAt: new Date(now).toISOString(),
    };
    const changed = previous.state !== next.state || JSON.stringify(previous.reasons) !== JSON.stringify(next.reasons);
    if (changed) this.log.info('vpn state', { state: next.state, reasons: next.reasons.map((reason) => reason.key) });
    this.publish(next);
    session.throttle.observe(next);
    return { changed, busy: next.state === 'connecting' || next.state === 'unknown' };
  }

  private async runChecks(
    config: VpnConfig,
    tunnels: TunnelInterface[],
  ): Promise<{ probes: VpnProbe[]; gateway?: string; tcp?: VpnProbe }> {
    const timeoutMs = config.timing.probeTimeoutMs;
    const dnsOptions = { timeoutMs, ...(config.dnsServers ? { servers: config.dnsServers } : {}) };
    const [routes, dns, tcp] = await Promise.all([
      Promise.all(config.corporateSubnets.map((subnet) => probeRoute(subnet, tunnels, this.findRoute, timeoutMs))),
      config.intranetName ? probeDns(config.intranetName, this.resolveDns, dnsOptions).then((probe) => [probe]) : Promise.resolve([]),
      Promise.all(config.tcpTargets.map((target) => probeTcp(target, this.tcpConnect, timeoutMs))),
    ]);
    const gateway = routes.find((route) => route.gateway)?.gateway;
    const firstTcp = tcp[0];
    return {
      probes: [...routes.map((route) => route.probe), ...dns, ...tcp],
      ...(gateway ? { gateway } : {}),
      ...(firstTcp ? { tcp: firstTcp } : {}),
    };
  }

  private details(
    driver: DriverStatus,
    tunnels: TunnelInterface[],
    checks: { gateway?: string; tcp?: VpnProbe },
    tunnelSince: number,
  ): VpnDetails {
    const tunnel = tunnels.find((entry) => entry.name === driver.interfaceName) ?? tunnels[0];
    const interfaceName = driver.interfaceName ?? tunnel?.name;
    const assignedAddress = driver.assignedAddress ?? tunnel?.addresses[0];
    const gateway = driver.gateway ?? checks.gateway;
    const tcp = checks.tcp?.ok ? checks.tcp : undefined;
    return {
      ...(interfaceName ? { interfaceName } : {}),
      ...(assignedAddress ? { assignedAddress } : {}),
      ...(gateway ? { gateway } : {}),
      connectedSince: (driver.connectedSince ?? new Date(tunnelSince)).toISOString(),
      ...(driver.bytesIn !== undefined ? { bytesIn: driver.bytesIn } : {}),
      ...(driver.bytesOut !== undefined ? { bytesOut: driver.bytesOut } : {}),
      ...(tcp?.ms !== undefined ? { tcpRoundTripMs: tcp.ms, tcpTarget: tcp.target } : {}),
    };
  }

  private driverProbe(driver: VpnDriver, status: DriverStatus): VpnProbe {
    const ok = status.phase === 'connected' || (status.phase === 'unknown' && status.reason === undefined);
    return { kind: 'driver', target: driver.kind, ok, ...(status.reason ? { reason: status.reason } : {}) };
  }

  private driverInfo(driver: VpnDriver): VpnDriverInfo {
    return { kind: driver.kind, canConnect: driver.canConnect, canDisconnect: driver.canDisconnect };
  }

  private unconfiguredState(): VpnState {
    return {
      state: 'unknown',
      configured: false,
      reasons: [{ key: 'vpn.reason.notConfigured' }],
      probes: [],
      details: {},
      driver: PROBE_ONLY,
      since: new Date(this.now()).toISOString(),
      checkedAt: null,
    };
  }

  private publish(state: VpnState): void {
    this.current = state;
    this.emit('state', state);
  }
}
