import { interfaceFingerprint, type InterfaceLister } from './probes/interfaces';

/**
 * Notices a network change by comparing the interface list every `intervalMs`: a local system call, no traffic,
 * and the same on every OS (Linux's `ip monitor` would also need parsing, macOS and Windows have no equivalent
 * without native code).
 */
export class InterfaceWatcher {
  private timer: NodeJS.Timeout | undefined;
  private fingerprint = '';

  constructor(
    private readonly listInterfaces: InterfaceLister,
    private readonly intervalMs: number,
    private readonly onChange: () => void,
  ) {}

  start(): void {
    this.fingerprint = interfaceFingerprint(this.listInterfaces());
    this.timer = setInterval(() => this.check(), this.intervalMs);
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  private check(): void {
    const next = interfaceFingerprint(this.listInterfaces());
    if (next === this.fingerprint) return;
    this.fingerprint = next;
    this.onChange();
  }
}
