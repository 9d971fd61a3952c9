import type { HostKind } from '../../../common/contract';
import { networkInterfaces } from 'node:os';
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
import { meetingsConfigFromSections, meetingsLocks } from '../../../common/meetings/meetings-config';
import { profileRequestHandlers } from '../../services/profiles/handlers';
import { ProfileService, type ProfileServicePorts } from '../../services/profiles/profile-service';
import { vpnRequestHandlers } from '../../services/vpn/handlers';
import { VpnMonitor } from '../../services/vpn/vpn-monitor';
import { InterfaceWatcher } from '../../services/vpn/interface-watcher';
import { capabilityReporter } from '../../services/vpn/vpn-status';
import { parseVpnConfig } from '../../../common/vpn/vpn-config';
import { officePcRequestHandlers } from '../../services/office-pc/handlers';
import { phoneRequestHandlers } from '../../services/phone/handlers';
import { PhoneService } from '../../services/phone/phone-service';
import { OfficePcService } from '../../services/office-pc/office-pc-service';
import { EventHub } from './event-hub';
import { Emitter } from '../../../common/emitter';
import type { DesktopNotice } from '../../services/app/desktop-notice';
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
  /** What deserves a desktop notification; the Electron host shows them, the web window has its own. */
  notices: Emitter<{ notice: DesktopNotice }>;
  app: AppService;
  profiles: ProfileService;
  /** Origins the renderer's CSP lets it open sockets to, read at each response: the PBX's WebSocket. */
  connectSources(): string[];
  dispose(): void;
}

const NETWORK_POLL_MS = 2_000;

/** The services and their contract handlers, the same for both hosts. */
export const createBackend = (options: BackendOptions): Backend => {
  const events = new EventHub();
  const notices = new Emitter<{ notice: DesktopNotice }>();
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

  // The phone's SIP user agent runs in the renderer, which reports its registration; main keeps history and features.
  const phone = new PhoneService({ dataDir: options.dataDir, log: options.log.child('phone'), clock: () => new Date() });
  unsubscribers.push(
    phone.on('config', (config) => events.emit('phone.config', config)),
    phone.on('history', (history) => events.emit('phone.history', history)),
    phone.on('features', (features) => events.emit('phone.features', features)),
    phone.on('preferences', (preferences) => events.emit('phone.preferences', preferences)),
    phone.on('dialRequested', (request) => events.emit('phone.dialRequested', request)),
    phone.on('status', (status) => app.report('phone', status)),
  );
  phone.configure(undefined);
  void phone.start();

  const meetings = new MeetingsService({
    log: options.log.child('meetings'),
    clock: () => new Date(),
    timeZone: hostTimeZone,
    secretFor: (purpose) => credentials.secretFor(purpose),
    openExternal: options.openExternal ?? (async () => false),
    ...(options.canOpenScheme ? { canOpenScheme: options.canOpenScheme } : {}),
    userAgent: `Scrivania/${packageJson.version}`,
    phone: phone.dialer(),
  });
  unsubscribers.push(
    meetings.on('agenda', (agenda) => events.emit('meetings.agenda', agenda)),
    meetings.on('reminder', (reminder) => {
      events.emit('meetings.reminder', reminder);
      notices.emit('notice', {
        title: { key: 'notices.meetingSoon', params: { title: reminder.title } },
        body: { key: 'notices.meetingStarts', params: { minutes: reminder.minutesBefore } },
        action: { label: { key: 'notices.meetingJoin' }, run: () => meetings.join(reminder.occurrenceId) },
      });
    }),
    meetings.on('status', (status) => app.report('meetings', status)),
  );
  meetings.configure(undefined);

  const vpn = new VpnMonitor({
    log: options.log.child('vpn'),
    managementPassword: async () => (await credentials.secretFor('vpn.connect')).secret ?? undefined,
  });
  const reportVpn = capabilityReporter((status) => app.report('vpn', status));
  unsubscribers.push(
    vpn.on('notify', (notice) => notices.emit('notice', notice.body ? { title: notice.title, body: notice.body } : { title: notice.title })),
    vpn.on('state', (state) => {
      events.emit('vpn.state', state);
      reportVpn(state);
    }),
  );
  vpn.configure(undefined);

  const officePc = new OfficePcService({ log: options.log.child('officePc'), dataDir: options.dataDir });
  events.emit('officePc.state', officePc.state());
  unsubscribers.push(
    officePc.on('state', (state) => events.emit('officePc.state', state)),
    officePc.on('status', (status) => app.report('officePc', status)),
  );

  const profiles = new ProfileService({
    dataDir: options.dataDir,
    trustedKeys: options.trustedKeys,
    ...(options.readPolicy ? { readPolicy: options.readPolicy } : {}),
    log: options.log.child('profiles'),
  });
  const applyConfiguration = (): void => {
    const { config, locks } = profiles.effective();
    applyMeetingsConfiguration(meetings, config, Object.keys(locks), options.log);
    applyVpnConfiguration(vpn, config.vpn, options.log);
    officePc.configure(config.officePc);
    phone.configure(config.phone);
  };
  events.emit('profiles.changed', profiles.state());
  unsubscribers.push(
    profiles.on('changed', (state) => {
      events.emit('profiles.changed', state);
      applyConfiguration();
    }),
  );
  void profiles.start();

  // A new network (VPN up, Wi-Fi changed) is when a profile URL or calendar that failed may work again.
  const network = new InterfaceWatcher(networkInterfaces, NETWORK_POLL_MS, () => {
    void profiles.checkNow();
    meetings.networkChanged();
  });
  network.start();

  const requests: RequestHandlers = { ...appRequestHandlers(app), ...credentialRequestHandlers(credentials), ...profileRequestHandlers(profiles), ...meetingsRequestHandlers(meetings), ...vpnRequestHandlers(vpn), ...officePcRequestHandlers(officePc), ...phoneRequestHandlers(phone) };
  const streams: StreamHandlers = { ...appStreamHandlers };
  return {
    parts: { requests, streams, events, log: options.log },
    notices,
    app,
    profiles,
    connectSources: () => phone.connectSources(),
    dispose: () => {
      unsubscribers.forEach((stop) => stop());
      network.stop();
      profiles.stop();
      meetings.dispose();
      vpn.dispose();
      void officePc.dispose();
      secretStore.dispose();
    },
  };
};

/** Calendars come from the profile; without any, the meetings card stays "not configured". */
const applyMeetingsConfiguration = (meetings: MeetingsService, config: { calendars: unknown[]; meetings: object }, locked: readonly string[], log: Logger): void => {
  if (config.calendars.length === 0) return meetings.configure(undefined);
  const parsed = meetingsConfigFromSections(config);
  if (!parsed.ok) {
    log.warn('the profile\'s meetings configuration does not apply', { reason: parsed.error });
    return meetings.configure(undefined);
  }
  meetings.configure({ ...parsed.config, locked: meetingsLocks(locked) });
};

/** Probes come from the profile's vpn section; without one, the VPN card stays "not configured". */
const applyVpnConfiguration = (vpn: VpnMonitor, section: object, log: Logger): void => {
  if (Object.keys(section).length === 0) return vpn.configure(undefined);
  const parsed = parseVpnConfig(section);
  if (!parsed.ok) {
    log.warn('the profile\'s vpn configuration does not apply', { reason: parsed.reason });
    return vpn.configure(undefined);
  }
  vpn.configure(parsed.config);
};
