import type { CapabilityId, CapabilityStatus, EventKey, EventOf, RequestKey } from '../../common/contract';
import type { DesktopNotice } from './app/desktop-notice';
import type { CredentialService } from './credentials/credential-service';
import type { RequestHandlers } from './handlers';
import type { Logger } from './logging/logger';
import type { EffectiveConfiguration } from './profiles/effective-config';

/** What the backend lends each capability: where to log and keep files, its secrets, and where to speak. */
export interface CapabilityContext {
  log: Logger;
  dataDir: string;
  credentials: CredentialService;
  /** A contract event for every window. */
  emit<K extends EventKey>(key: K, payload: EventOf<K>): void;
  /** The capability's card and tray status. */
  report(id: CapabilityId, status: CapabilityStatus): void;
  notify(notice: DesktopNotice): void;
}

/** A capability as the backend runs it: its contract handlers, fed the effective configuration, stopped at exit. */
export interface Capability<K extends RequestKey = RequestKey> {
  /** Spread into the backend's handler map, whose type then checks that every request has exactly one handler. */
  requests: Pick<RequestHandlers, K>;
  configure(effective: EffectiveConfiguration): void;
  dispose(): void;
}
