import type { HostKind } from '../../../common/contract';
import packageJson from '../../../package.json';
import { AppService } from '../../services/app/app-service';
import { appRequestHandlers, appStreamHandlers } from '../../services/app/handlers';
import { CredentialService } from '../../services/credentials/credential-service';
import { credentialRequestHandlers } from '../../services/credentials/handlers';
import { KeychainSecretStore } from '../../services/credentials/keychain-secret-store';
import type { RequestHandlers, StreamHandlers } from '../../services/handlers';
import type { Logger } from '../../services/logging/logger';
import { EventHub } from './event-hub';
import type { ContractServerParts } from './session';

export interface BackendOptions {
  host: HostKind;
  log: Logger;
  /** Electron and Chromium versions when the Electron host runs the backend. */
  runtimeVersions?: { electron?: string; chrome?: string };
}

export interface Backend {
  parts: ContractServerParts;
  app: AppService;
  dispose(): void;
}

/** The services and their contract handlers, the same for both hosts. */
export const createBackend = (options: BackendOptions): Backend => {
  const events = new EventHub();
  const app = new AppService({
    host: options.host,
    version: packageJson.version,
    platform: process.platform,
    arch: process.arch,
    versions: { node: process.versions.node, ...options.runtimeVersions },
    clock: () => new Date(),
  });
  events.emit('app.status', app.status());
  const unsubscribers = [app.on('status', (status) => events.emit('app.status', status))];

  const secretStore = new KeychainSecretStore({ log: options.log.child('credentials') });
  const credentials = new CredentialService(secretStore, options.log.child('credentials'));

  const requests: RequestHandlers = { ...appRequestHandlers(app), ...credentialRequestHandlers(credentials) };
  const streams: StreamHandlers = { ...appStreamHandlers };
  return {
    parts: { requests, streams, events, log: options.log },
    app,
    dispose: () => {
      unsubscribers.forEach((stop) => stop());
      secretStore.dispose();
    },
  };
};
