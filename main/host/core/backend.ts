import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import type { HostKind } from '../../../common/contract';
import { Emitter } from '../../../common/emitter';
import packageJson from '../../../package.json';
import { AppService } from '../../services/app/app-service';
import type { DesktopNotice } from '../../services/app/desktop-notice';
import { browserPhoneLinks, type PhoneLinkHandler } from '../../services/app/phone-links';
import { appRequestHandlers, appStreamHandlers } from '../../services/app/handlers';
import type { Capability, CapabilityContext } from '../../services/capability';
import { CredentialService } from '../../services/credentials/credential-service';
import { credentialRequestHandlers } from '../../services/credentials/handlers';
import { createHelpCapability } from '../../services/help/help-capability';
import { KeychainSecretStore } from '../../services/credentials/keychain-secret-store';
import type { RequestHandlers, StreamHandlers } from '../../services/handlers';
import type { Logger } from '../../services/logging/logger';
import { createMeetingsCapability } from '../../services/meetings/meetings-capability';
import { createOfficePcCapability } from '../../services/office-pc/office-pc-capability';
import { createPhoneCapability } from '../../services/phone/phone-capability';
import { profileRequestHandlers } from '../../services/profiles/handlers';
import { ProfileService, type ProfileServicePorts } from '../../services/profiles/profile-service';
import { InterfaceWatcher } from '../../services/vpn/interface-watcher';
import { createVpnCapability } from '../../services/vpn/vpn-capability';
import type { UpdateEngine } from '../../services/updates/update-engine';
import { createUpdatesCapability } from '../../services/updates/updates-capability';
import { EventHub } from './event-hub';
import type { ContractServerParts } from './session';

export interface BackendOptions {
  host: HostKind;
  log: Logger;
  /** Where the active profile and the user's settings are kept. */
  dataDir: string;
  /** The folder the host's logger writes to, for the diagnostics bundle; `<dataDir>/logs` when absent. */
  logDir?: string;
  /** Profile-signing public keys built into this installation; the OS policy may add more. */
  trustedKeys: readonly string[];
  /** The OS policy; absent in tests, which must not read this machine's. */
  readPolicy?: ProfileServicePorts['readPolicy'];
  /** The profile address built into this installation, below the OS policy's and the employee's. */
  defaultProfileUrl?: string;
  /** Hands a URL to the OS (Electron: shell.openExternal); without it, joining a meeting leaves opening to the window. */
  openExternal?: (url: string) => Promise<boolean>;
  /** Whether an app handles a URL scheme such as msteams (Electron: app.getApplicationNameForProtocol). */
  canOpenScheme?: (scheme: string) => Promise<boolean>;
  /** Shows a file in the OS file manager (Electron: shell.showItemInFolder), for the diagnostics bundle. */
  showItemInFolder?: (path: string) => void;
  /** Electron and Chromium versions when the Electron host runs the backend. */
  runtimeVersions?: { electron?: string; chrome?: string };
  /** What installs updates (Electron: electron-updater); without it updates are checked but not installed. */
  updateEngine?: UpdateEngine;
  /** Installed per machine (the MSI): the administrator pushes new versions, so Scrivania never updates itself. */
  updatesInstalledByAdministrator?: boolean;
  /** Where the OS's tel: and sip: links go (Electron); a browser window cannot take them. */
  phoneLinks?: PhoneLinkHandler;
}

export interface Backend {
  parts: ContractServerParts;
  /** What deserves a desktop notification; the Electron host shows them, the web window has its own. */
  notices: Emitter<{ notice: DesktopNotice }>;
  app: AppService;
  profiles: ProfileService;
  /** Origins the renderer's CSP lets it open sockets to, read at each response: the PBX's WebSocket. */
  connectSources(): string[];
  /** Stops every service at once; settles when the last of them has ended (a keychain call stuck in native code never does). */
  dispose(): Promise<void>;
}

const NETWORK_POLL_MS = 2_000;

/** The services and their contract handlers, the same for both hosts. */
export const createBackend = (options: BackendOptions): Backend => {
  const { log } = options;
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
  const stops = [app.on('status', (status) => events.emit('app.status', status))];

  const secretStore = new KeychainSecretStore({ log: log.child('credentials') });
  const credentials = new CredentialService(secretStore, log.child('credentials'));
  const context: CapabilityContext = {
    log,
    dataDir: options.dataDir,
    credentials,
    emit: (key, payload) => events.emit(key, payload),
    report: (id, status) => app.report(id, status),
    notify: (notice) => notices.emit('notice', notice),
  };

  const phone = createPhoneCapability(context);
  const meetings = createMeetingsCapability(context, {
    openExternal: options.openExternal ?? (async () => false),
    ...(options.canOpenScheme ? { canOpenScheme: options.canOpenScheme } : {}),
    userAgent: `Scrivania/${packageJson.version}`,
    phone: phone.service.dialer(),
  });
  const vpn = createVpnCapability(context);
  const officePc = createOfficePcCapability(context);
  const updates = createUpdatesCapability(context, { currentVersion: packageJson.version, userAgent: `Scrivania/${packageJson.version}`, ...(options.updateEngine ? { engine: options.updateEngine } : {}), installedByAdministrator: options.updatesInstalledByAdministrator ?? false });
  const capabilities: Pick<Capability, 'configure' | 'dispose'>[] = [phone, meetings, vpn, officePc, updates];

  const profiles = new ProfileService({ dataDir: options.dataDir, trustedKeys: options.trustedKeys, ...(options.readPolicy ? { readPolicy: options.readPolicy } : {}), ...(options.defaultProfileUrl ? { defaultProfileUrl: options.defaultProfileUrl } : {}), log: log.child('profiles') });
  events.emit('profiles.changed', profiles.state());
  const help = createHelpCapability(context, { profiles, info: () => app.info(), calendars: () => meetings.service.calendarSources(), liveStatus: () => ({ app: app.status(), vpn: events.retained('vpn.state')?.payload, updates: events.retained('updates.state')?.payload }), logDir: options.logDir ?? join(options.dataDir, 'logs'), ...(options.showItemInFolder ? { showItemInFolder: options.showItemInFolder } : {}), ...(options.openExternal ? { openExternal: options.openExternal } : {}) });
  capabilities.push(help);
  stops.push(
    profiles.on('changed', (state) => {
      events.emit('profiles.changed', state);
      const effective = profiles.effective();
      capabilities.forEach((capability) => capability.configure(effective));
    }),
  );
  void profiles.start();

  // A new network (VPN up, Wi-Fi changed) is when a profile URL or calendar that failed may work again.
  const network = new InterfaceWatcher(networkInterfaces, NETWORK_POLL_MS, () => {
    void profiles.checkNow();
    meetings.service.networkChanged();
  });
  network.start();

  const requests: RequestHandlers = {
    ...appRequestHandlers(app, options.phoneLinks ?? browserPhoneLinks),
    ...credentialRequestHandlers(credentials),
    ...profileRequestHandlers(profiles),
    ...phone.requests,
    ...meetings.requests,
    ...vpn.requests,
    ...officePc.requests,
    ...updates.requests,
    ...help.requests,
  };
  const streams: StreamHandlers = { ...appStreamHandlers, ...help.streams };
  return {
    parts: { requests, streams, events, log },
    notices,
    app,
    profiles,
    connectSources: () => phone.service.connectSources(),
    dispose: () => {
      stops.forEach((stop) => stop());
      network.stop();
      profiles.stop();
      capabilities.forEach((capability) => capability.dispose());
      return secretStore.dispose();
    },
  };
};
