import type { Emitter } from '../../../common/emitter';
import type { DesktopNotice } from '../../services/app/desktop-notice';
import type { Logger } from '../../services/logging/logger';
import { formatMessage, messagesFor } from '../../services/text/localized-text';
import type { ElectronPort } from './electron-port';

/** Shows the backend's notices as OS notifications in the app's language; a click brings the window forward. */
export const showDesktopNotices = (
  electron: Pick<ElectronPort, 'Notification'>,
  notices: Emitter<{ notice: DesktopNotice }>,
  locale: string,
  showWindow: () => void,
  log: Logger,
): (() => void) => {
  const messages = messagesFor(locale);
  return notices.on('notice', (notice) => {
    if (!electron.Notification.isSupported()) return;
    const { action } = notice;
    const shown = new electron.Notification({
      title: formatMessage(messages, notice.title),
      body: notice.body ? formatMessage(messages, notice.body) : '',
      actions: action ? [{ type: 'button', text: formatMessage(messages, action.label) }] : [],
    });
    shown.on('click', showWindow);
    if (action) shown.on('action', () => void action.run().catch((error: unknown) => log.warn('a notification action failed', { error: String(error) })));
    shown.show();
  });
};
