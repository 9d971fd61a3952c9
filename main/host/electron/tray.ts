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

/** The tray icon: its colour follows the overall status; its menu shows the window or quits. */
export class StatusTray {
  private readonly tray: Tray;
  private readonly messages: Messages;
  private next: NextMeetingItem | undefined;
  private updateReady: UpdateReadyItem | undefined;

  constructor(
    private readonly electron: Pick<ElectronPort, 'Tray' | 'Menu' | 'nativeImage'>,
    locale: string,
    private readonly actions: TrayActions,
    status: AppStatus,
  ) {
    this.messages = messagesFor(locale);
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

  update(status: AppStatus): void {
    this.tray.setImage(this.icon(status));
    this.tray.setToolTip(this.text('tray.tooltip', { status: this.text(`status.${status.level}`) }));
  }

  destroy(): void {
    this.tray.destroy();
  }

  private buildMenu(): void {
    const { next, updateReady } = this;
    const join: MenuItemConstructorOptions[] = next
      ? [{ label: this.text('tray.joinNext', { title: next.title }), click: () => next.join() }, { type: 'separator' }]
      : [];
    const restart: MenuItemConstructorOptions[] = updateReady
      ? [{ label: this.text('tray.restartToUpdate', { version: updateReady.version }), click: () => updateReady.install() }]
      : [];
    const menu: Menu = this.electron.Menu.buildFromTemplate([
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
