import type { OfficePcSessionTicket } from '../../../common/contract/office-pc';
import { loadIronRdp, type IronRdpModule, type RdpSession } from './iron-rdp';
import { Scancode } from './scancodes';
import type { Size } from './screen-geometry';

export type DesktopSize = Size;

export interface ConnectOptions {
  ticket: OfficePcSessionTicket;
  username: string;
  password: string;
  domain?: string;
  canvas: HTMLCanvasElement;
  desktop: DesktopSize;
  /** Ask the server to follow the pane's size (Display Control), where it allows. */
  dynamicResize: boolean;
  onRemoteClipboard(text: string): void;
  onCursor(css: string): void;
}

type DeviceEvent = ReturnType<IronRdpModule['Backend']['DeviceEvent']['keyPressed']>;

const TEXT = 'text/plain';

/** The CSS cursor for IronRDP's pointer callbacks: hidden, the default arrow, or the remote shape as a data URL. */
const cursorCss = (style: string, url?: string, hotX?: number, hotY?: number): string | undefined => {
  if (style === 'hidden') return 'none';
  if (style === 'default') return 'default';
  if (style === 'url' && url && hotX !== undefined && hotY !== undefined)
    return `url(${url}) ${Math.round(hotX)} ${Math.round(hotY)}, default`;
  return undefined;
};

/** One live RDP session drawn by IronRDP into the pane's canvas, with the input and clipboard it needs. */
export class RdpConnection {
  private constructor(
    private readonly rdp: IronRdpModule,
    private readonly session: RdpSession,
    readonly ticket: OfficePcSessionTicket,
  ) {}

  /** Connects through the relay; rejects with IronRDP's own error object on failure. */
  static async open(options: ConnectOptions): Promise<RdpConnection> {
    const rdp = await loadIronRdp();
    const { Backend } = rdp;
    const builder = new Backend.SessionBuilder()
      .username(options.username)
      .password(options.password)
      .serverDomain(options.domain ?? '')
      .destination(options.ticket.destination)
      .proxyAddress(options.ticket.relayUrl)
      .authToken(options.ticket.authToken)
      .renderCanvas(options.canvas)
      .desktopSize(new Backend.DesktopSize(options.desktop.width, options.desktop.height))
      .extension(rdp.enableCredssp(true))
      .setCursorStyleCallbackContext(null)
      .setCursorStyleCallback((style: string, url?: string, hotX?: number, hotY?: number) => {
        const css = cursorCss(style, url, hotX, hotY);
        if (css) options.onCursor(css);
      })
      .remoteClipboardChangedCallback((data: InstanceType<IronRdpModule['Backend']['ClipboardData']>) => {
        for (const item of data.items()) if (item.mimeType() === TEXT) options.onRemoteClipboard(String(item.value()));
      })
      .forceClipboardUpdateCallback(() => undefined);
    if (options.dynamicResize) builder.extension(rdp.displayControl(true));
    const session = await builder.connect();
    return new RdpConnection(rdp, session, options.ticket);
  }

  desktopSize(): DesktopSize {
    const size = this.session.desktopSize();
    return { width: size.width, height: size.height };
  }

  /** Resolves with the server's reason when it ends the session, rejects when the connection drops. */
  async run(): Promise<string> {
    const info = await this.session.run();
    return info.reason();
  }

  key(scancode: number, pressed: boolean): void {
    const { DeviceEvent } = this.rdp.Backend;
    this.apply([pressed ? DeviceEvent.keyPressed(scancode) : DeviceEvent.keyReleased(scancode)]);
  }

  /** Presses the keys in order and releases them in reverse, as one transaction. */
  chord(scancodes: readonly number[]): void {
    const { DeviceEvent } = this.rdp.Backend;
    this.apply([
      ...scancodes.map((code) => DeviceEvent.keyPressed(code)),
      ...[...scancodes].reverse().map((code) => DeviceEvent.keyReleased(code)),
    ]);
  }

  ctrlAltDel(): void {
    this.chord([Scancode.controlLeft, Scancode.altLeft, Scancode.delete]);
  }

  windowsKey(): void {
    this.chord([Scancode.windows]);
  }

  mouseMove(x: number, y: number): void {
    this.apply([this.rdp.Backend.DeviceEvent.mouseMove(x, y)]);
  }

  /** `button` as in MouseEvent.button: 0 left, 1 middle, 2 right, 3 back, 4 forward. */
  mouseButton(button: number, pressed: boolean): void {
    const { DeviceEvent } = this.rdp.Backend;
    this.apply([pressed ? DeviceEvent.mouseButtonPressed(button) : DeviceEvent.mouseButtonReleased(button)]);
  }

  /** `unit` as WheelEvent.deltaMode: 0 pixels, 1 lines, 2 pages; positive `amount` scrolls down or right. */
  wheel(vertical: boolean, amount: number, unit: 0 | 1 | 2): void {
    // RotationUnit is a const enum in IronRDP's types; its values are deltaMode's.
    this.apply([this.rdp.Backend.DeviceEvent.wheelRotations(vertical, -amount, unit as never)]);
  }

  synchronizeLocks(locks: { scroll: boolean; num: boolean; caps: boolean }): void {
    this.session.synchronizeLockKeys(locks.scroll, locks.num, locks.caps, false);
  }

  releaseAll(): void {
    this.session.releaseAllInputs();
  }

  /** Offers `text` as the clipboard to the office PC, which fetches it when something there pastes. */
  async offerClipboardText(text: string): Promise<void> {
    const data = new this.rdp.Backend.ClipboardData();
    if (text !== '') data.addText(TEXT, text);
    await this.session.onClipboardPaste(data);
  }

  resize(size: DesktopSize): void {
    this.session.resize(size.width, size.height);
  }

  shutdown(): void {
    try {
      this.session.shutdown();
    } catch {
      // Already ended: nothing left to stop.
    }
  }

  private apply(events: DeviceEvent[]): void {
    const transaction = new this.rdp.Backend.InputTransaction();
    for (const event of events) transaction.addEvent(event);
    this.session.applyInputs(transaction);
  }
}
