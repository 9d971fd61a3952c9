import type { BrowserWindow, Notification } from 'electron';
import { globalCallShortcuts, type CallCommand, type LiveCall, type LiveCalls } from '../../../common/contract/phone';
import type { Logger } from '../../services/logging/logger';
import { formatMessage, messagesFor, type Messages } from '../../services/text/localized-text';
import type { ElectronPort } from './electron-port';
import type { StatusTray } from './tray';
import { trayIconPng } from './tray-icon';

export interface CallPresenceOptions {
  window: BrowserWindow;
  tray: StatusTray | undefined;
  platform: NodeJS.Platform;
  locale: string;
  log: Logger;
  /** Asks main to have the renderer's phone answer, decline or hang up; `from` names who asked, for the log. */
  command(command: CallCommand, from: string): void;
  show(): void;
}

type Shortcut = keyof typeof globalCallShortcuts;

const whoOf = (call: LiveCall): string => (call.name ? `${call.name} (${call.number})` : call.number);
const ringingOf = (calls: readonly LiveCall[]): LiveCall | undefined =>
  calls.find((call) => call.state === 'ringing' && call.direction === 'incoming');
/** The call the tray's "Hang up" and the hang-up shortcut end: the one being talked on, else any. */
const inProgressOf = (calls: readonly LiveCall[]): LiveCall | undefined =>
  calls.find((call) => call.state === 'active') ?? calls.find((call) => call.state !== 'ringing');

/**
 * The call outside the window: the tray's tooltip and menu, the taskbar overlay (Windows) or badge (macOS Dock,
 * Linux launchers with the Unity LauncherEntry API), a notification of a ringing call with Answer and Decline
 * buttons where the OS has them (macOS, Windows; on Linux a click shows the window, where the call rings), and
 * system-wide shortcuts to answer and hang up, registered only while there is a call so they take no keys from
 * other programs the rest of the day.
 */
export class PhoneCallPresence {
  private readonly messages: Messages;
  private calls: readonly LiveCall[] = [];
  private shortcutsWanted = true;
  private readonly registered = new Set<Shortcut>();
  private readonly refused = new Set<Shortcut>();
  private ringingNotice: { callId: string; notification: Notification } | undefined;
  private badgeUnavailableLogged = false;

  constructor(
    private readonly electron: Pick<ElectronPort, 'app' | 'Notification' | 'nativeImage' | 'globalShortcut'>,
    private readonly options: CallPresenceOptions,
  ) {
    this.messages = messagesFor(options.locale);
  }

  update({ calls }: LiveCalls): void {
    this.calls = calls;
    this.showInTray();
    this.showOnTaskbar();
    this.notifyRinging();
    this.applyShortcuts();
  }

  /** The employee's choice in Settings: absent means on. */
  setShortcutsWanted(wanted: boolean): void {
    this.shortcutsWanted = wanted;
    this.applyShortcuts();
  }

  dispose(): void {
    this.calls = [];
    this.closeRingingNotice();
    this.applyShortcuts();
  }

  private showInTray(): void {
    const ringing = ringingOf(this.calls);
    const call = ringing ?? inProgressOf(this.calls);
    this.options.tray?.setCall(
      call && {
        who: whoOf(call),
        ringing: call === ringing,
        answer: () => this.options.command({ action: 'answer', callId: call.id }, 'tray'),
        decline: () => this.options.command({ action: 'decline', callId: call.id }, 'tray'),
        hangUp: () => this.options.command({ action: 'hangUp', callId: call.id }, 'tray'),
      },
    );
  }

  private showOnTaskbar(): void {
    const { platform, window } = this.options;
    const count = this.calls.length;
    if (platform === 'win32') {
      if (window.isDestroyed()) return;
      const level = ringingOf(this.calls) ? 'ok' : 'busy';
      const overlay = count > 0 ? this.electron.nativeImage.createFromBuffer(trayIconPng(level, 16)) : null;
      window.setOverlayIcon(overlay, count > 0 ? this.text('phone.tray.overlay') : '');
      return;
    }
    if (platform !== 'darwin' && platform !== 'linux') return;
    const shown = this.electron.app.setBadgeCount(count);
    if (!shown && count > 0 && !this.badgeUnavailableLogged) {
      this.badgeUnavailableLogged = true;
      this.options.log.info('this desktop shows no badge on the launcher: the tray shows the call');
    }
  }

  private notifyRinging(): void {
    const ringing = ringingOf(this.calls);
    if (this.ringingNotice && this.ringingNotice.callId !== ringing?.id) this.closeRingingNotice();
    if (!ringing || this.ringingNotice || !this.electron.Notification.isSupported()) return;
    const buttons = this.options.platform === 'darwin' || this.options.platform === 'win32';
    const notification = new this.electron.Notification({
      title: this.text('phone.tray.notificationTitle', { who: whoOf(ringing) }),
      body: ringing.divertedFrom
        ? this.text('phone.tray.notificationFor', { line: ringing.divertedFrom })
        : this.text('phone.tray.notificationDirect'),
      actions: buttons
        ? [
            { type: 'button', text: this.text('phone.call.answer') },
            { type: 'button', text: this.text('phone.call.decline') },
          ]
        : [],
      timeoutType: 'never',
      urgency: 'critical',
    });
    const callId = ringing.id;
    notification.on('click', () => this.options.show());
    notification.on('action', (event, legacyIndex) => {
      const index = (event as { actionIndex?: number }).actionIndex ?? legacyIndex;
      if (index === 0) {
        this.options.show();
        this.options.command({ action: 'answer', callId }, 'notification');
      }
      if (index === 1) this.options.command({ action: 'decline', callId }, 'notification');
    });
    notification.on('close', () => {
      if (this.ringingNotice?.notification === notification) this.ringingNotice = undefined;
    });
    // Kept until the call stops ringing: Electron drops the listeners of a notification that is garbage-collected.
    this.ringingNotice = { callId, notification };
    notification.show();
  }

  private closeRingingNotice(): void {
    const notice = this.ringingNotice;
    this.ringingNotice = undefined;
    notice?.notification.close();
  }

  /** Answer while a call rings, hang up while there is any call; none when the employee turned them off. */
  private applyShortcuts(): void {
    const wanted: Record<Shortcut, boolean> = {
      answer: this.shortcutsWanted && ringingOf(this.calls) !== undefined,
      hangUp: this.shortcutsWanted && this.calls.length > 0,
    };
    for (const name of Object.keys(wanted) as Shortcut[]) {
      if (wanted[name]) this.register(name);
      else this.unregister(name);
    }
  }

  private register(name: Shortcut): void {
    if (this.registered.has(name)) return;
    const accelerator = globalCallShortcuts[name];
    const run = (): void => {
      const ringing = ringingOf(this.calls);
      if (name === 'answer') return ringing && this.options.command({ action: 'answer', callId: ringing.id }, 'shortcut');
      const call = inProgressOf(this.calls) ?? ringing;
      if (!call) return;
      this.options.command({ action: call === ringing ? 'decline' : 'hangUp', callId: call.id }, 'shortcut');
    };
    if (this.electron.globalShortcut.register(accelerator, run)) {
      this.registered.add(name);
      this.refused.delete(name);
      return;
    }
    // Another program holds it; said once, not at every call.
    if (!this.refused.has(name)) this.options.log.warn('a global phone shortcut is taken by another program', { accelerator });
    this.refused.add(name);
  }

  private unregister(name: Shortcut): void {
    if (!this.registered.delete(name)) return;
    this.electron.globalShortcut.unregister(globalCallShortcuts[name]);
  }

  private text(key: string, params?: Record<string, string>): string {
    return formatMessage(this.messages, params ? { key, params } : { key });
  }
}
