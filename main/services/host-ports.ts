import type { HostKind } from '../../common/contract';
import type { PhoneLinkHandler } from './app/phone-links';
import type { SecretStore } from './credentials/secret-store';
import type { ProfileServicePorts } from './profiles/profile-service';
import type { UpdateEngine } from './updates/update-engine';

/** What the host running the services (Electron or the web host) lends them; each is absent where a host cannot. */
export interface HostPorts {
  host: HostKind;
  /** Profile-signing public keys built into this installation; the OS policy may add more. */
  trustedKeys: readonly string[];
  /** The OS policy; absent in tests, which must not read this machine's. */
  readPolicy?: ProfileServicePorts['readPolicy'];
  /** The profile address built into this installation, below the OS policy's and the employee's. */
  defaultProfileUrl?: string;
  /** The folder the host's logger writes to, for the diagnostics bundle; `<dataDir>/logs` when absent. */
  logDir?: string;
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
  /** The origin of the host's own page, the only one the RDP relay admits; known once the host listens. */
  rendererOrigin?: () => string | undefined;
  /** Where secrets are kept; the OS keychain when absent. Tests lend an in-memory one. */
  secretStore?: SecretStore;
  /** Where the OS's tel: and sip: links go (Electron); a browser window cannot take them. */
  phoneLinks?: PhoneLinkHandler;
}
