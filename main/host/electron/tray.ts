import type { Menu, MenuItemConstructorOptions, NativeImage, Tray } from 'electron';
import type { AppStatus } from '../../../common/contract';
import type { ElectronPort } from './electron-port';
import { formatMessage, messagesFor, type Messages } from '../../services/text/localized-text';
import { trayIconPng } from './tray-icon';

export interface TrayActions {
  show(): void;
  quit(): void;
}

/** The next meeting with a link, offered as "Join next: …" in the menu. */
export interface NextMeetingItem {
  title: string;
  join(): void;
}

/** A downloaded, verified update, offered as "Restart to update to …". */
export interface UpdateReadyItem {
  version: string;
  install(): void;
}

/** The call in progress or ringing, offered as "Hang up …" (or "Answer …" / "Decline …") at the top of the menu. */
export interface CallItem {
  who: string;
  ringing: boolean;
  answer(): void;
  decline(): void;
  hangUp(): void;
}

/** The tray icon: its colour follows the overall status; its menu shows the window or quits. */
export class StatusTray {
  private readonly tray: Tray;
  private readonly messages: Messages;
  private next: NextMeetingItem | undefined;
  private updateReady: UpdateReadyItem | undefined;
  private call: CallItem | undefined;
  private status: AppStatus;

  constructor(
    private readonly electron: Pick<ElectronPort, 'Tray' | 'Menu' | 'nativeImage'>,
    locale: string,
    private readonly actions: TrayActions,
    status: AppStatus,
  ) {
    this.messages = messagesFor(locale);
    this.status = status;
    this.tray = new electron.Tray(this.icon(status));
    this.buildMenu();
    this.tray.on('click', () => actions.show());
    this.update(status);
  }

  setNextMeeting(next: NextMeetingItem | undefined): void {
    this.next = next;
    this.buildMenu();
  }

  setUpdateReady(update: UpdateReadyItem | undefined): void {
    if (update?.version === this.updateReady?.version) return;
    this.updateReady = update;
    this.buildMenu();
  }

  /** While a call rings or is in progress the tooltip names it and the menu can end it. */
  setCall(call: CallItem | undefined): void {
    if (call?.who === this.call?.who && call?.ringing === this.call?.ringing) {
      this.call = call;
      return;
    }
    this.call = call;
    this.buildMenu();
    this.update(this.status);
  }

  update(status: AppStatus): void {
    this.status = status;
    this.tray.setImage(this.icon(status));
    const { call } = this;
    const what = call
      ? this.text(call.ringing ? 'phone.tray.ringing' : 'phone.tray.inCall', { who: call.who })
      : this.text(`status.${status.level}`);
    this.tray.setToolTip(this.text('tray.tooltip', { status: what }));
  }

  destroy(): void {
    this.tray.destroy();
  }

  private buildMenu(): void {
    const { next, updateReady, call } = this;
    const onCall: MenuItemConstructorOptions[] = !call
      ? []
      : call.ringing
        ? [
            { label: this.text('phone.tray.answer', { who: call.who }), click: () => call.answer() },
            { label: this.text('phone.tray.decline', { who: call.who }), click: () => call.decline() },
            { type: 'separator' },
          ]
        : [{ label: this.text('phone.tray.hangUp', { who: call.who }), click: () => call.hangUp() }, { type: 'separator' }];
    const join: MenuItemConstructorOptions[] = next
      ? [{ label: this.text('tray.joinNext', { title: next.title }), click: () => next.join() }, { type: 'separator' }]
      : [];
    const restart: MenuItemConstructorOptions[] = updateReady
      ? [{ label: this.text('tray.restartToUpdate', { version: updateReady.version }), click: () => updateReady.install() }]
      : [];
    const menu: Menu = this.electron.Menu.buildFromTemplate([
      ...onCall,
      ...join,
      { label: this.text('tray.show'), click: () => this.actions.show() },
      ...restart,
      { type: 'separator' },
      { label: this.text('tray.quit'), click: () => this.actions.quit() },
    ]);
    this.tray.setContextMenu(menu);
  }

  private text(key: string, params?: Record<string, string>): string {
    return formatMessage(this.messages, params ? { key, params } : { key });
  }

  private icon(status: AppStatus): NativeImage {
    return this.electron.nativeImage.createFromBuffer(trayIconPng(status.level), { scaleFactor: 2 });
  }
}
