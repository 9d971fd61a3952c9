/** Desktop notifications for incoming calls, through the renderer's Notification API. */

export const notificationsAllowed = (): boolean => typeof Notification !== 'undefined' && Notification.permission === 'granted';

/** Asks once, from a click (browsers ignore the request otherwise). */
export const askForNotifications = async (): Promise<void> => {
  if (typeof Notification === 'undefined' || Notification.permission !== 'default') return;
  await Notification.requestPermission().catch(() => undefined);
};

/** Shows the call; a click brings the window forward and opens the phone. Closed by the returned function. */
export const notifyCall = (title: string, body: string, onClick: () => void): (() => void) => {
  if (!notificationsAllowed()) return () => undefined;
  const notification = new Notification(title, { body, tag: 'scrivania-call', requireInteraction: true });
  notification.onclick = () => {
    window.focus();
    onClick();
    notification.close();
  };
  return () => notification.close();
};
