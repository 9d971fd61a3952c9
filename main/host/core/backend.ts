import { networkInterfaces } from 'node:os';
import { requestKeys, streamKeys, type EventKey, type EventOf } from '../../../common/contract';
import { Emitter } from '../../../common/emitter';
import packageJson from '../../../package.json';
import type { DesktopNotice } from '../../services/app/desktop-notice';
import { capabilityModules, orderedByNeeds, type AnyRunningCapability } from '../../services/capabilities';
import type { CapabilityContext } from '../../services/capability';
import type { RequestHandlers, StreamHandlers } from '../../services/handlers';
import type { HostPorts } from '../../services/host-ports';
import type { Logger } from '../../services/logging/logger';
import type { AppStatusBoard, Profiles, Provisions } from '../../services/provisions';
import { InterfaceWatcher } from '../../services/vpn/interface-watcher';
import { EventHub } from './event-hub';
import type { ContractServerParts } from './session';

export interface BackendOptions extends HostPorts {
  log: Logger;
  /** Where the active profile and the user's settings are kept. */
  dataDir: string;
}

export interface Backend {
  parts: ContractServerParts;
  /** What deserves a desktop notification; the Electron host shows them, the web window has its own. */
  notices: Emitter<{ notice: DesktopNotice }>;
  app: AppStatusBoard;
  profiles: Profiles;
  /** Origins the renderer's CSP lets it open sockets to, read at each response: the PBX's WebSocket. */
  connectSources(): string[];
  /** Stops every capability at once; settles when the last has ended (a keychain call stuck in native code never does). */
  dispose(): Promise<void>;
}

const NETWORK_POLL_MS = 2_000;

/**
 * Builds every registered capability after the ones it needs, gives each only what those provide, forwards their
 * events, feeds them the effective configuration, and answers the contract with their handlers. The same for both hosts.
 */
export const createBackend = (options: BackendOptions): Backend => {
  const { log, dataDir, ...ports } = options;
  const events = new EventHub();
  const notices = new Emitter<{ notice: DesktopNotice }>();
  const network = new Emitter<{ changed: null }>();
  const provisions: Partial<Provisions> = {};
  const context: CapabilityContext = {
    log,
    dataDir,
    version: packageJson.version,
    ports,
    emit: (key, payload) => events.emit(key, payload),
    retained: <K extends EventKey>(key: K) => events.retained(key)?.payload as EventOf<K> | undefined,
    report: (id, status) => provisions.app?.report(id, status),
    notify: (notice) => notices.emit('notice', notice),
    onNetworkChange: (listener) => network.on('changed', listener),
  };

  const running: AnyRunningCapability[] = [];
  const stops: (() => void)[] = [];
  for (const module of orderedByNeeds(capabilityModules)) {
    const capability = module.create(context, provisions as Provisions);
    Object.assign(provisions, { [module.name]: capability.provides });
    stops.push(...(capability.forwards ?? []).map((forwarding) => forwarding(context.emit)));
    running.push(capability);
  }
  const { app, profiles, phone, officePc } = provisions as Provisions;
  stops.push(
    profiles.on('changed', () => {
      const effective = profiles.effective();
      running.forEach((capability) => capability.configure?.(effective));
    }),
  );
  running.forEach((capability) => capability.start?.());

  const watcher = new InterfaceWatcher(networkInterfaces, NETWORK_POLL_MS, () => network.emit('changed', null));
  watcher.start();

  const requests = Object.assign({}, ...running.map((capability) => capability.requests)) as RequestHandlers;
  const streams = Object.assign({}, ...running.map((capability) => capability.streams ?? {})) as StreamHandlers;
  const unanswered = [...requestKeys, ...streamKeys].filter((key) => !(key in requests) && !(key in streams));
  if (unanswered.length > 0) throw new Error(`no capability answers ${unanswered.join(', ')}`);
  return {
    parts: { requests, streams, events, log },
    notices,
    app,
    profiles,
    connectSources: () => [...phone.connectSources(), ...officePc.connectSources()],
    dispose: async () => {
      stops.forEach((stop) => stop());
      watcher.stop();
      await Promise.all([...running].reverse().map(async (capability) => capability.dispose?.()));
    },
  };
};
