import {
  capabilityIds,
  notConfiguredStatus,
  type AppInfo,
  type AppStatus,
  type CapabilityId,
  type CapabilityStatus,
  type HostKind,
  type StatusLevel,
} from '../../../common/contract';
import { Emitter } from '../../../common/emitter';

export interface AppServicePorts {
  host: HostKind;
  version: string;
  platform: string;
  arch: string;
  versions: AppInfo['versions'];
  clock: () => Date;
}

/** Worst first: the overall level is the first of these any configured capability has. */
const severity: StatusLevel[] = ['error', 'warning', 'busy', 'ok', 'idle'];

/** What the app is and how it is doing overall: the tray's colour and the dashboard's headline. */
export class AppService extends Emitter<{ status: AppStatus; attention: null }> {
  private readonly capabilities = new Map<CapabilityId, CapabilityStatus>(capabilityIds.map((id) => [id, notConfiguredStatus]));
  private readonly levelSince: Map<CapabilityId, string>;
  private current: AppStatus;

  constructor(private readonly ports: AppServicePorts) {
    super();
    const started = ports.clock().toISOString();
    this.levelSince = new Map(capabilityIds.map((id) => [id, started]));
    this.current = this.compute();
  }

  info(): AppInfo {
    const { host, version, platform, arch, versions } = this.ports;
    return { name: 'Scrivania', version, platform, arch, host, versions };
  }

  status(): AppStatus {
    return this.current;
  }

  /** Something needs the employee now (a call is ringing): the host brings its window forward. */
  requestAttention(): void {
    this.emit('attention', null);
  }

  /** Each capability's service reports here when its own status changes. */
  report(id: CapabilityId, status: CapabilityStatus): void {
    if (this.capabilities.get(id)?.level !== status.level) this.levelSince.set(id, this.ports.clock().toISOString());
    this.capabilities.set(id, status);
    this.current = this.compute();
    this.emit('status', this.current);
  }

  private compute(): AppStatus {
    const levels = [...this.capabilities.values()].map((status) => status.level);
    const level = severity.find((candidate) => levels.includes(candidate)) ?? 'unconfigured';
    return {
      level,
      capabilities: Object.fromEntries(this.capabilities) as AppStatus['capabilities'],
      levelSince: Object.fromEntries(this.levelSince) as AppStatus['levelSince'],
      updatedAt: this.ports.clock().toISOString(),
    };
  }
}
