import type { CallNotifications } from './ports';

/** Desktop notifications of incoming calls, through the renderer's Notification API. */

const notificationsAllowed = (): boolean => typeof Notification !== 'undefined' && Notification.permission === 'granted';

export const browserNotifications: CallNotifications = {
  async ask() {
    if (typeof Notification === 'undefined' || Notification.permission !== 'default') return;
    await Notification.requestPermission().catch(() => undefined);
  },

  showCall(title, body, onClick) {
    if (!notificationsAllowed()) return () => undefined;
    const notification = new Notification(title, { body, tag: 'scrivania-call', requireInteraction: true });
    notification.onclick = () => {
      window.focus();
      onClick();
      notification.close();
    };
    return () => notification.close();
  },
};

/** Leaves the notification of a call to the host where it shows its own (`hostShows`); asking for permission stays. */
export const hostShownNotifications = (browser: CallNotifications, hostShows: () => boolean): CallNotifications => ({
  ask: () => browser.ask(),
  showCall: (title, body, onClick) => (hostShows() ? () => undefined : browser.showCall(title, body, onClick)),
});
