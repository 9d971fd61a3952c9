import type { Notification } from 'electron';
import type { DesktopNotice } from '../../services/app/desktop-notice';
import type { Logger } from '../../services/logging/logger';
import { formatMessage, messagesFor, type Messages } from '../../services/text/localized-text';
import type { ElectronPort } from './electron-port';

/** Windows only (Electron defines it there alone): clicks on notifications that no longer exist in memory. */
type ActivationHandler = (details: { type: string; actionIndex?: number }) => void;
type NotificationStatics = { handleActivation?: (handler: ActivationHandler) => void };

/**
 * Shows the backend's notices as OS notifications in the app's language; a click brings the window forward, an
 * action button runs the notice's action. Each notification is kept until it is clicked or closed: Electron drops
 * the listeners of a Notification that is garbage-collected. Windows can still deliver a click from the Action Center
 * after that (or after a restart), through `Notification.handleActivation`, which then shows the window.
 */
export class DesktopNotices {
  private readonly messages: Messages;
  private readonly shown = new Set<Notification>();

  constructor(
    private readonly electron: Pick<ElectronPort, 'Notification'>,
    locale: string,
    private readonly showWindow: () => void,
    private readonly log: Logger,
  ) {
    this.messages = messagesFor(locale);
    (electron.Notification as NotificationStatics).handleActivation?.(() => showWindow());
  }

  show(notice: DesktopNotice): void {
    if (!this.electron.Notification.isSupported()) return;
    const { action } = notice;
    const notification = new this.electron.Notification({
      title: formatMessage(this.messages, notice.title),
      body: notice.body ? formatMessage(this.messages, notice.body) : '',
      actions: action ? [{ type: 'button', text: formatMessage(this.messages, action.label) }] : [],
    });
    const forget = (): void => void this.shown.delete(notification);
    notification.on('click', () => {
      forget();
      this.showWindow();
    });
    notification.on('close', forget);
    if (action) {
      notification.on('action', () => {
        forget();
        void action.run().catch((error: unknown) => this.log.warn('a notification action failed', { error: String(error) }));
      });
    }
    this.shown.add(notification);
    notification.show();
  }
}
