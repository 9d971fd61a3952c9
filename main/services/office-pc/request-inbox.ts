import type { RawData, WebSocket } from 'ws';
import { elementSize } from './der';

export const asBytes = (data: RawData): Buffer =>
  Array.isArray(data) ? Buffer.concat(data) : Buffer.isBuffer(data) ? data : Buffer.from(data);

/**
 * Everything the client sends from the moment its WebSocket opens: first the one DER request (which may span
 * messages), then, once the relay pipes, the RDP bytes that arrived meanwhile.
 */
export class RequestInbox {
  private buffered: Buffer[] = [];
  private waiting: (() => void) | undefined;
  private listener: ((chunk: Buffer) => void) | undefined;
  private ended = false;

  constructor(ws: WebSocket) {
    ws.on('message', (data) => this.accept(asBytes(data)));
    ws.on('close', () => {
      this.ended = true;
      this.waiting?.();
    });
  }

  /** The request's bytes and anything after it; rejects on a malformed header, a request over `maxBytes` or the deadline. */
  async request(maxBytes: number, timeoutMs: number): Promise<{ request: Uint8Array; rest: Buffer }> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const joined = Buffer.concat(this.buffered);
      const total = elementSize(joined);
      if (total !== undefined && total > maxBytes)
        throw new Error(`the RDCleanPath request of ${total} bytes is over the ${maxBytes}-byte limit`);
      if (total !== undefined && joined.length >= total) {
        this.buffered = [joined.subarray(total)];
        return { request: joined.subarray(0, total), rest: joined.subarray(total) };
      }
      if (this.ended) throw new Error('the client closed before its RDCleanPath request was complete');
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no complete RDCleanPath request within ${timeoutMs / 1000} s`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiting = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.waiting = undefined;
    }
  }

  /** From now on every chunk goes to `listener`, starting with those held back. */
  drainTo(listener: (chunk: Buffer) => void): void {
    this.listener = listener;
    const held = this.buffered;
    this.buffered = [];
    for (const chunk of held) if (chunk.length > 0) listener(chunk);
  }

  private accept(chunk: Buffer): void {
    if (this.listener) return this.listener(chunk);
    this.buffered.push(chunk);
    this.waiting?.();
  }
}
