import type { OfficePcSessionTicket } from '../../../common/contract/office-pc';
import type { DisplayMode } from '../../../common/office-pc/office-pc-config';
import { getApi } from '../bridge/api';
import { classifyFailure, droppedFailure, noPasswordFailure, requestFailure, type OfficePcFailure } from './failures';
import { RdpConnection, type DesktopSize } from './rdp-connection';
import { scancodeOf } from './scancodes';
import { isExitChord } from './session-view';
import { desktopSizeFor, MAX_RECONNECT_ATTEMPTS, reconnectDelayMs } from './screen-geometry';
import { useOfficePcStore } from './store';
import { messageOf } from '../../../common/error-message';

const RESIZE_SETTLE_MS = 400;

const set = useOfficePcStore.setState;
const current = useOfficePcStore.getState;

/**
 * The office PC session in the renderer: one canvas that outlives the pane (a session keeps running while the
 * employee looks at another page), the connection through the relay, input from the canvas, the clipboard, and
 * reconnection with backoff after a drop.
 */
class OfficePcController {
  private canvasElement: HTMLCanvasElement | undefined;
  private connection: RdpConnection | undefined;
  /** Held only while the employee wants to be connected, for reconnecting; never stored. */
  private password: string | undefined;
  /** Typed in the pane when the profile names no user. */
  private username: string | undefined;
  private wanted = false;
  private reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  private resizeTimer: ReturnType<typeof setTimeout> | undefined;
  private measure: () => { width: number; height: number } = () => ({ width: 1280, height: 720 });
  private paste: 'none' | 'waiting' | 'offering' = 'none';
  private locksSynced = false;

  /** The canvas IronRDP draws into; the pane mounts it where the remote screen goes. */
  get canvas(): HTMLCanvasElement {
    if (!this.canvasElement) {
      this.canvasElement = document.createElement('canvas');
      this.canvasElement.className = 'office-pc-canvas';
      this.canvasElement.tabIndex = 0;
      this.canvasElement.dataset['testid'] = 'office-pc-canvas';
      this.listen(this.canvasElement);
    }
    return this.canvasElement;
  }

  /** How big the pane's screen area is, in CSS pixels. */
  setSurface(measure: () => { width: number; height: number }): void {
    this.measure = measure;
  }

  async connect(options: { password?: string; savePassword?: boolean; username?: string } = {}): Promise<void> {
    const { phase, state } = current();
    if (phase === 'connecting' || phase === 'loading' || phase === 'connected' || phase === 'reconnecting') return;
    if (options.username) this.username = options.username;
    if (!state?.username && !this.username) return set({ phase: 'idle', askPassword: { canSave: true, reason: '' } });
    this.wanted = true;
    set({ failure: undefined, askPassword: undefined, endedReason: undefined, reconnect: undefined, phase: 'loading' });
    const password = options.password ?? this.password ?? (await this.passwordFromKeychain());
    if (password === undefined) return;
    this.password = password;
    if (options.password && options.savePassword) {
      await getApi()
        .invoke('credentials.save', { id: 'office-pc', secret: options.password })
        .catch(() => undefined);
    }
    await this.attempt(0);
  }

  /** Back to Scrivania with the session running (the toolbar's button, or the exit chord pressed on the office PC). */
  leaveWholeWindow(): void {
    this.connection?.releaseAll();
    if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
    set({ inFrame: true });
  }

  wholeWindow(): void {
    set({ inFrame: false });
  }

  disconnect(): void {
    this.wanted = false;
    this.password = undefined;
    clearTimeout(this.reconnectTimer);
    const connection = this.connection;
    this.connection = undefined;
    connection?.shutdown();
    if (connection) this.closeSession(connection.ticket.sessionId);
    if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
    set({ phase: 'idle', reconnect: undefined, failure: undefined, askPassword: undefined });
  }

  /** The employee's answer to the certificate dialog; trusting connects again at once. */
  async answerCertificate(trust: boolean): Promise<void> {
    const question = current().state?.certificateQuestion;
    if (!question) return;
    try {
      await getApi().invoke('officePc.answerCertificate', { sha256: question.presented.sha256, trust });
    } catch (error) {
      // The help desk pinned another certificate, or the question is no longer current: said like any other failure.
      set({ phase: 'failed', failure: requestFailure(error) });
      return;
    }
    if (!trust) {
      this.password = undefined;
      set({ phase: 'idle', failure: undefined });
      return;
    }
    set({ phase: 'idle', failure: undefined });
    await this.connect();
  }

  ctrlAltDel(): void {
    this.connection?.ctrlAltDel();
  }

  windowsKey(): void {
    this.connection?.windowsKey();
  }

  /** Sends text from this computer's clipboard, for when the browser does not hand it over on Ctrl+V. */
  async sendClipboard(): Promise<void> {
    const connection = this.connection;
    if (!connection) return;
    const text = await navigator.clipboard.readText();
    await connection.offerClipboardText(text);
    set({ clipboardNotice: 'sent' });
  }

  setDisplayMode(mode: DisplayMode): void {
    set({ displayMode: mode });
    if (mode === 'resize') this.surfaceResized();
  }

  /** The pane's size changed: in resize mode the office PC is asked to follow, once the size settles. */
  surfaceResized(): void {
    clearTimeout(this.resizeTimer);
    if (current().displayMode !== 'resize' || !this.connection) return;
    this.resizeTimer = setTimeout(() => {
      const { width, height } = this.measure();
      this.connection?.resize(desktopSizeFor(width, height, window.devicePixelRatio));
    }, RESIZE_SETTLE_MS);
  }

  private async passwordFromKeychain(): Promise<string | undefined> {
    try {
      const answer = await getApi().invoke('credentials.forPurpose', { purpose: 'officePc.connect' });
      if (answer.secret !== null) return answer.secret;
      const availability = await getApi().invoke('credentials.status', {});
      set({ phase: 'idle', askPassword: { canSave: availability.available, reason: answer.reason } });
    } catch (error) {
      set({ phase: 'failed', failure: noPasswordFailure(messageOf(error)) });
    }
    this.wanted = false;
    return undefined;
  }

  /** One connection attempt; `reconnect` counts the attempts after a drop (0 for the employee's own click). */
  private async attempt(reconnect: number): Promise<void> {
    set({ phase: reconnect === 0 ? 'connecting' : 'reconnecting', ...(reconnect === 0 ? { inFrame: false } : {}) });
    let ticket: OfficePcSessionTicket;
    try {
      ticket = await getApi().invoke('officePc.openSession', {});
    } catch (error) {
      return this.failed(requestFailure(error), reconnect);
    }
    const state = current().state;
    // The session is shown over the whole window once connected: ask for that size from the start, so an office PC
    // that cannot follow the window later still fills it.
    const { width, height } = current().inFrame ? this.measure() : { width: window.innerWidth, height: window.innerHeight };
    const displayMode = current().displayMode ?? state?.display ?? 'resize';
    try {
      const connection = await RdpConnection.open({
        ticket,
        username: ticket.username ?? this.username ?? '',
        password: this.password ?? '',
        ...(ticket.domain ? { domain: ticket.domain } : {}),
        canvas: this.canvas,
        desktop: desktopSizeFor(width, height, window.devicePixelRatio),
        dynamicResize: true,
        onRemoteClipboard: (text) => this.copyToLocalClipboard(text),
        onCursor: (cursor) => set({ cursor }),
      });
      if (!this.wanted) {
        this.closeSession(ticket.sessionId);
        return connection.shutdown();
      }
      this.connection = connection;
      set({ phase: 'connected', desktop: connection.desktopSize(), displayMode, reconnect: undefined, failure: undefined });
      void getApi()
        .invoke('officePc.sessionSignedIn', { sessionId: ticket.sessionId })
        .catch(() => undefined);
      void this.watch(connection);
      // Asked for the window's size at connect; the window may have changed meanwhile (the pane went whole-window).
      this.surfaceResized();
    } catch (error) {
      const outcome = await getApi()
        .invoke('officePc.sessionOutcome', { sessionId: ticket.sessionId })
        .catch(() => undefined);
      this.closeSession(ticket.sessionId);
      this.failed(classifyFailure(error, outcome, current().state?.certificateQuestion), reconnect);
    }
  }

  private failed(failure: OfficePcFailure, reconnect: number): void {
    // The employee pressed Disconnect meanwhile: what the abandoned attempt ran into no longer matters.
    if (!this.wanted) return;
    if (reconnect > 0 && failure.retry) return this.scheduleReconnect(reconnect + 1, failure);
    this.wanted = false;
    // Kept for the connect that follows trusting a new certificate; anything else asks the keychain again.
    if (failure.kind !== 'certificate-new') this.password = undefined;
    set({ phase: 'failed', failure, reconnect: undefined });
  }

  /** Follows a live session until it ends: by the office PC (said why), by the employee, or by a drop (reconnect). */
  private async watch(connection: RdpConnection): Promise<void> {
    let reason: string;
    let dropped = false;
    try {
      reason = await connection.run();
    } catch (error) {
      dropped = true;
      reason =
        error instanceof Error
          ? error.message
          : typeof (error as { backtrace?: unknown })?.backtrace === 'function'
            ? ((error as { backtrace(): string }).backtrace().split('\n')[0] ?? '')
            : String(error);
    }
    if (this.connection !== connection) return;
    this.connection = undefined;
    this.closeSession(connection.ticket.sessionId);
    if (!this.wanted) return set({ phase: 'idle' });
    // IronRDP resolves when the office PC ends the session (logoff, another user took it) and rejects when the
    // connection breaks: only a break is worth reconnecting.
    if (dropped) return this.scheduleReconnect(1, droppedFailure(reason));
    this.wanted = false;
    this.password = undefined;
    set({ phase: 'ended', endedReason: reason });
  }

  private closeSession(sessionId: string): void {
    void getApi()
      .invoke('officePc.closeSession', { sessionId })
      .catch(() => undefined);
  }

  private scheduleReconnect(attempt: number, failure: OfficePcFailure): void {
    if (attempt > MAX_RECONNECT_ATTEMPTS) {
      this.wanted = false;
      this.password = undefined;
      return set({ phase: 'failed', failure, reconnect: undefined });
    }
    const delay = reconnectDelayMs(attempt);
    set({ phase: 'reconnecting', failure, reconnect: { attempt, maxAttempts: MAX_RECONNECT_ATTEMPTS, delaySeconds: delay / 1000 } });
    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = setTimeout(() => void this.attempt(attempt), delay);
  }

  private copyToLocalClipboard(text: string): void {
    navigator.clipboard.writeText(text).then(
      () => set({ clipboardNotice: 'copied' }),
      () => set({ clipboardNotice: 'copy-failed' }),
    );
  }

  private point(event: MouseEvent): { x: number; y: number } {
    const canvas = this.canvas;
    const rect = canvas.getBoundingClientRect();
    const x = Math.round(((event.clientX - rect.left) * canvas.width) / Math.max(1, rect.width));
    const y = Math.round(((event.clientY - rect.top) * canvas.height) / Math.max(1, rect.height));
    return { x: Math.min(Math.max(x, 0), canvas.width - 1), y: Math.min(Math.max(y, 0), canvas.height - 1) };
  }

  private listen(canvas: HTMLCanvasElement): void {
    canvas.addEventListener('keydown', (event) => this.onKey(event, true));
    canvas.addEventListener('keyup', (event) => this.onKey(event, false));
    canvas.addEventListener('paste', (event) => void this.onPaste(event));
    canvas.addEventListener('blur', () => {
      this.locksSynced = false;
      this.connection?.releaseAll();
    });
    canvas.addEventListener('pointermove', (event) => {
      const { x, y } = this.point(event);
      this.connection?.mouseMove(x, y);
    });
    canvas.addEventListener('pointerdown', (event) => {
      if (!this.connection) return;
      event.preventDefault();
      const { x, y } = this.point(event);
      canvas.focus({ preventScroll: true });
      canvas.setPointerCapture(event.pointerId);
      this.connection.mouseMove(x, y);
      this.connection.mouseButton(event.button, true);
    });
    canvas.addEventListener('pointerup', (event) => {
      if (!this.connection) return;
      event.preventDefault();
      this.connection.mouseButton(event.button, false);
    });
    canvas.addEventListener('contextmenu', (event) => event.preventDefault());
    canvas.addEventListener(
      'wheel',
      (event) => {
        if (!this.connection) return;
        event.preventDefault();
        const vertical = event.deltaY !== 0;
        this.connection.wheel(vertical, vertical ? event.deltaY : event.deltaX, event.deltaMode as 0 | 1 | 2);
      },
      { passive: false },
    );
  }

  private onKey(event: KeyboardEvent, pressed: boolean): void {
    if (isExitChord(event)) {
      event.preventDefault();
      if (pressed) this.leaveWholeWindow();
      return;
    }
    const connection = this.connection;
    const scancode = scancodeOf(event.code);
    if (!connection || scancode === undefined) return;
    if (event.code === 'KeyV' && (event.ctrlKey || event.metaKey) && !event.altKey && pressed) {
      // Let the browser fire `paste` with this computer's clipboard; V reaches the office PC once it has the text.
      this.paste = 'waiting';
      return;
    }
    event.preventDefault();
    if (event.code === 'KeyV' && !pressed && this.paste !== 'none') {
      if (this.paste === 'waiting') connection.chord([scancode]);
      if (this.paste === 'waiting') this.paste = 'none';
      return;
    }
    if (!this.locksSynced) {
      connection.synchronizeLocks({
        scroll: event.getModifierState('ScrollLock'),
        num: event.getModifierState('NumLock'),
        caps: event.getModifierState('CapsLock'),
      });
      this.locksSynced = true;
    }
    connection.key(scancode, pressed);
  }

  private async onPaste(event: ClipboardEvent): Promise<void> {
    const connection = this.connection;
    if (!connection) return;
    event.preventDefault();
    this.paste = 'offering';
    try {
      await connection.offerClipboardText(event.clipboardData?.getData('text/plain') ?? '');
    } finally {
      connection.chord([scancodeOf('KeyV') as number]);
      this.paste = 'none';
    }
  }
}

export const officePc = new OfficePcController();

export type { DesktopSize };
