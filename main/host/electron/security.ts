import type { Session, Shell, WebContents } from 'electron';
import type { Logger } from '../../services/logging/logger';
import { isExternalWebLink, isOwnOrigin } from './origin';

/**
 * Only our own page, and only for what a pane needs: the phone's microphone, speaker choice and call notifications,
 * the office PC's clipboard (copy to and from the remote desktop), full screen and, in full screen, the keyboard lock
 * that sends Alt+Tab and the Windows key to the office PC. Chromium's Local Network Access asks before a page opens
 * a socket to loopback (the office PC's relay) or a private address (the PBX on the office network): our own page
 * may. Everything else is refused.
 */
const grantedPermissions = new Set([
  'media',
  'speaker-selection',
  'notifications',
  'clipboard-read',
  'clipboard-sanitized-write',
  'fullscreen',
  'keyboardLock',
  'local-network-access',
  'local-network',
  'loopback-network',
]);

export const permissionAllowed = (permission: string, requestingUrl: string, mediaTypes: readonly string[] = []): boolean => {
  if (!isOwnOrigin(requestingUrl) || !grantedPermissions.has(permission)) return false;
  return permission !== 'media' || mediaTypes.every((type) => type === 'audio');
};

export const hardenSession = (session: Session, log: Logger): void => {
  session.setPermissionRequestHandler((webContents, permission, callback, details) => {
    const mediaTypes = 'mediaTypes' in details ? (details.mediaTypes ?? []) : [];
    const allowed = permissionAllowed(permission, details.requestingUrl ?? webContents.getURL(), mediaTypes);
    if (!allowed) log.warn('refused a permission', { permission, url: details.requestingUrl });
    callback(allowed);
  });
  session.setPermissionCheckHandler((_webContents, permission, requestingOrigin) => permissionAllowed(permission, requestingOrigin));
};

/** The window never navigates away or opens windows; web links go to the OS browser instead. */
export const hardenContents = (contents: WebContents, shell: Pick<Shell, 'openExternal'>, log: Logger): void => {
  contents.on('will-navigate', (event, url) => {
    if (isOwnOrigin(url)) return;
    event.preventDefault();
    openOutside(url, shell, log);
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    openOutside(url, shell, log);
    return { action: 'deny' };
  });
};

const openOutside = (url: string, shell: Pick<Shell, 'openExternal'>, log: Logger): void => {
  if (isExternalWebLink(url)) void shell.openExternal(url);
  else log.warn('refused to open a link', { url });
};
