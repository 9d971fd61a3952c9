import type { HostKind } from '../../../common/contract';
import packageJson from '../../../package.json';
import { AppService } from '../../services/app/app-service';
import { appRequestHandlers, appStreamHandlers } from '../../services/app/handlers';
import { CredentialService } from '../../services/credentials/credential-service';
import { credentialRequestHandlers } from '../../services/credentials/handlers';
import { KeychainSecretStore } from '../../services/credentials/keychain-secret-store';
import type { RequestHandlers, StreamHandlers } from '../../services/handlers';
import type { Logger } from '../../services/logging/logger';
import { meetingsRequestHandlers } from '../../services/meetings/handlers';
import { MeetingsService } from '../../services/meetings/meetings-service';
import { hostTimeZone } from '../../services/meetings/zoned-time';
import { profileRequestHandlers } from '../../services/profiles/handlers';
import { ProfileService, type ProfileServicePorts } from '../../services/profiles/profile-service';
import { configuredStatus } from '../../services/app/configured-status';
import { EventHub } from './event-hub';
import type { ContractServerParts } from './session';

export interface BackendOptions {
  host: HostKind;
  log: Logger;
  /** Where the active profile and the user's settings are kept. */
  dataDir: string;
  /** Profile-signing public keys built into this installation; the OS policy may add more. */
  trustedKeys: readonly string[];
  /** The OS policy; absent in tests, which must not read this machine's. */
  readPolicy?: ProfileServicePorts['readPolicy'];
  /** Hands a URL to the OS (Electron: shell.openExternal); without it, joining a meeting leaves opening to the window. */
  openExternal?: (url: string) => Promise<boolean>;
  /** Whether an app handles a URL scheme such as msteams (Electron: app.getApplicationNameForProtocol). */
  canOpenScheme?: (scheme: string) => Promise<boolean>;
  /** Electron and Chromium versions when the Electron host runs the backend. */
  runtimeVersions?: { electron?: string; chrome?: string };
}

export interface Backend {
  parts: ContractServerParts;
  app: AppService;
  profiles: ProfileService;
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

  const meetings = new MeetingsService({
    log: options.log.child('meetings'),
    clock: () => new Date(),
    timeZone: hostTimeZone,
    secretFor: (purpose) => credentials.secretFor(purpose),
    openExternal: options.openExternal ?? (async () => false),
    ...(options.canOpenScheme ? { canOpenScheme: options.canOpenScheme } : {}),
    userAgent: `Scrivania/${packageJson.version}`,
  });
  unsubscribers.push(
    meetings.on('agenda', (agenda) => events.emit('meetings.agenda', agenda)),
    meetings.on('reminder', (reminder) => events.emit('meetings.reminder', reminder)),
    meetings.on('status', (status) => app.report('meetings', status)),
  );
  // The profile's calendars and meetings sections are fed here once profiles are wired to the services.
  meetings.configure(undefined);

  const profiles = new ProfileService({
    dataDir: options.dataDir,
    trustedKeys: options.trustedKeys,
    ...(options.readPolicy ? { readPolicy: options.readPolicy } : {}),
    log: options.log.child('profiles'),
  });
  const applyConfiguration = (): void => {
    const { config } = profiles.effective();
    app.report('officePc', configuredStatus(config.officePc, 'status.officePcReady', (section) => stringField(section, 'host')));
    app.report('phone', configuredStatus(config.phone, 'status.phoneReady', (section) => stringField(section, 'extension')));
  };
  events.emit('profiles.changed', profiles.state());
  unsubscribers.push(
    profiles.on('changed', (state) => {
      events.emit('profiles.changed', state);
      applyConfiguration();
    }),
  );
  void profiles.start();

  const requests: RequestHandlers = { ...appRequestHandlers(app), ...credentialRequestHandlers(credentials), ...profileRequestHandlers(profiles), ...meetingsRequestHandlers(meetings) };
  const streams: StreamHandlers = { ...appStreamHandlers };
  return {
    parts: { requests, streams, events, log: options.log },
    app,
    profiles,
    dispose: () => {
      unsubscribers.forEach((stop) => stop());
      profiles.stop();
      meetings.dispose();
      secretStore.dispose();
    },
  };
};

const stringField = (section: Record<string, unknown>, key: string): string | undefined => (typeof section[key] === 'string' ? section[key] : undefined);
