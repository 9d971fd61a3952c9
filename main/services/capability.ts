import type { CapabilityId, CapabilityStatus, EventKey, EventOf, RequestKey, StreamKey } from '../../common/contract';
import type { Emitter } from '../../common/emitter';
import type { DesktopNotice } from './app/desktop-notice';
import type { RequestHandlers, StreamHandlers } from './handlers';
import type { HostPorts } from './host-ports';
import type { Logger } from './logging/logger';
import type { EffectiveConfiguration } from './profiles/effective-config';
import type { Provisions } from './provisions';

/** A capability's name is the prefix of its contract keys: `phone` answers every `phone.*` request. */
export type CapabilityName = keyof Provisions;

export type RequestKeysOf<N extends CapabilityName> = Extract<RequestKey, `${N}.${string}`>;
export type StreamKeysOf<N extends CapabilityName> = Extract<StreamKey, `${N}.${string}`>;
export type EventKeysOf<N extends CapabilityName> = Extract<EventKey, `${N}.${string}`>;

/** What the backend lends every capability: where to log and keep files, the host's abilities, and where to speak. */
export interface CapabilityContext {
  log: Logger;
  dataDir: string;
  /** This build's version, for the update check and user agents. */
  version: string;
  ports: HostPorts;
  /** A contract event for every window. */
  emit<K extends EventKey>(key: K, payload: EventOf<K>): void;
  /** The latest payload of a retained event, whoever emitted it. */
  retained<K extends EventKey>(key: K): EventOf<K> | undefined;
  /** A card's status, which the app folds into the overall status. */
  report(id: CapabilityId, status: CapabilityStatus): void;
  notify(notice: DesktopNotice): void;
  /** A new network (the VPN came up, the Wi-Fi changed): what failed may work now. Returns the unsubscribe. */
  onNetworkChange(listener: () => void): () => void;
}

/** Service events passed on as contract events; the backend subscribes, and unsubscribes at the end. */
export type Forwarding = (emit: CapabilityContext['emit']) => () => void;

/** The contract events whose payload accepts `P`. */
type EventKeyCarrying<P> = { [K in EventKey]: P extends EventOf<K> ? K : never }[EventKey];

/** `forward(service, { state: 'vpn.state' })`: each named service event becomes that contract event, payload as is. */
export const forward =
  <E extends Record<string, unknown>>(
    source: Pick<Emitter<E>, 'on' | 'eventTypes'>,
    events: NoInfer<{ [N in keyof E as string extends N ? never : N]?: EventKeyCarrying<E[N]> }>,
  ): Forwarding =>
  (emit) => {
    const stops = Object.entries(events).map(([name, key]) =>
      source.on(name as keyof E, (payload) => emit(key as EventKey, payload as never)),
    );
    return () => stops.forEach((stop) => stop());
  };

/** A capability once created: its contract handlers, what it lends others, and its part in the backend's lifecycle. */
export type RunningCapability<N extends CapabilityName> = {
  /** Every request of the capability's own prefix, exactly once: a missing or extra handler fails type-checking. */
  requests: Pick<RequestHandlers, RequestKeysOf<N>>;
  /** What other capabilities may use, through the interface in provisions.ts; never the concrete service. */
  provides: Provisions[N];
  forwards?: Forwarding[];
  /** Fed the effective configuration at start and whenever it changes. */
  configure?(effective: EffectiveConfiguration): void;
  /** Runs once every capability exists (loading stored state, first fetches). */
  start?(): void;
  /** Stops it; settles when it has really stopped. */
  dispose?(): void | Promise<void>;
} & ([StreamKeysOf<N>] extends [never] ? { streams?: never } : { streams: Pick<StreamHandlers, StreamKeysOf<N>> });

/**
 * One capability as the backend builds it: created after the capabilities it `needs`, from whom it gets only what
 * they provide.
 */
export interface CapabilityModule<N extends CapabilityName = CapabilityName, D extends CapabilityName = CapabilityName> {
  name: N;
  needs: readonly D[];
  create(context: CapabilityContext, needed: Pick<Provisions, D>): RunningCapability<N>;
}

export const defineCapability = <N extends CapabilityName, D extends CapabilityName = never>(
  module: CapabilityModule<N, D>,
): CapabilityModule<N, D> => module;
