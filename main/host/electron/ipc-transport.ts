import type { IpcMain, IpcMainEvent, WebContents } from 'electron';
import { IPC_CHANNEL, type ServerMessage } from '../../../common/contract';
import type { Logger } from '../../services/logging/logger';
import { ContractSession, type ContractServerParts } from '../core/session';
import { isOwnOrigin } from './origin';

/**
 * Only the top frame of one of our own windows, showing our own origin, may speak the contract. Anything else
 * (an iframe, a page that navigated away, another webContents) is ignored and logged.
 */
export const isTrustedSender = (event: Pick<IpcMainEvent, 'sender' | 'senderFrame'>, trusted: ReadonlySet<number>): boolean => {
  const frame = event.senderFrame;
  if (!frame || !trusted.has(event.sender.id)) return false;
  return frame === event.sender.mainFrame && isOwnOrigin(frame.url);
};

export class IpcTransport {
  private readonly sessions = new Map<number, ContractSession>();
  private readonly trusted = new Set<number>();

  constructor(
    private readonly ipcMain: Pick<IpcMain, 'on'>,
    private readonly parts: ContractServerParts,
    private readonly log: Logger,
  ) {
    ipcMain.on(IPC_CHANNEL, (event, message: unknown) => this.receive(event, message));
  }

  /** Lets a window's renderer speak the contract until it is destroyed. */
  trust(contents: WebContents): void {
    this.trusted.add(contents.id);
    contents.once('destroyed', () => {
      this.trusted.delete(contents.id);
      this.sessions.get(contents.id)?.dispose();
      this.sessions.delete(contents.id);
    });
  }

  private receive(event: IpcMainEvent, message: unknown): void {
    if (!isTrustedSender(event, this.trusted)) {
      this.log.warn('ignored IPC from an untrusted sender', { url: event.senderFrame?.url });
      return;
    }
    void this.sessionFor(event.sender).receive(message);
  }

  private sessionFor(contents: WebContents): ContractSession {
    let session = this.sessions.get(contents.id);
    if (!session) {
      const peer = {
        description: `window ${contents.id}`,
        send: (reply: ServerMessage) => {
          if (!contents.isDestroyed()) contents.send(IPC_CHANNEL, reply);
        },
      };
      session = new ContractSession(this.parts, peer, 'electron');
      this.sessions.set(contents.id, session);
    }
    return session;
  }
}
