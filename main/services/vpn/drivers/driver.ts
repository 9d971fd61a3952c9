import type { LocalizedMessage } from '../../../../common/contract/app';
import type { DriverKind } from '../../../../common/vpn/vpn-config';
import type { Problem } from '../../../../common/contract/problems';

/** What the VPN client itself says: `unknown` when it cannot be asked (probe-only, or its interface does not answer). */
export type DriverPhase = 'connected' | 'connecting' | 'down' | 'unknown';

export interface DriverStatus {
  phase: DriverPhase;
  /** Why not connected, or why the driver could not be asked. */
  reason?: LocalizedMessage;
  interfaceName?: string;
  assignedAddress?: string;
  /** The VPN server's address. */
  gateway?: string;
  connectedSince?: Date;
  bytesIn?: number;
  bytesOut?: number;
}

export interface VpnDriver {
  readonly kind: DriverKind;
  readonly canConnect: boolean;
  readonly canDisconnect: boolean;
  /** Starts watching; `onChange` is called when the driver learns of a change unasked (OpenVPN's notifications). */
  start(onChange: () => void): void;
  status(timeoutMs: number): Promise<DriverStatus>;
  /** Rejects with a DriverError whose message is one line a person can act on. */
  connect(): Promise<void>;
  disconnect(): Promise<void>;
  dispose(): void;
}

/** A driver's refusal: the technical line, and the problem the pane says when it is more precise than "could not connect". */
export class DriverError extends Error {
  override readonly name = 'DriverError';
  constructor(
    message: string,
    readonly problem?: Problem,
  ) {
    super(message);
  }
}

const STATUS_ONLY: Problem = { code: 'vpn.status-only' };

/** The default: Scrivania probes, the VPN client's own app connects. */
export class ProbeOnlyDriver implements VpnDriver {
  readonly kind = 'probe-only';
  readonly canConnect = false;
  readonly canDisconnect = false;

  start(): void {}

  status(): Promise<DriverStatus> {
    return Promise.resolve({ phase: 'unknown' });
  }

  connect(): Promise<void> {
    return Promise.reject(
      new DriverError('This VPN is connected from its own app: Scrivania only checks whether it reaches the office', STATUS_ONLY),
    );
  }

  disconnect(): Promise<void> {
    return Promise.reject(
      new DriverError('This VPN is disconnected from its own app: Scrivania only checks whether it reaches the office', STATUS_ONLY),
    );
  }

  dispose(): void {}
}
