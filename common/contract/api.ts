import type { HostKind } from './app';
import type { EventKey, EventOf, RequestKey, RequestOf, ResponseOf, StreamKey, StreamParamsOf } from './index';

/** One end of a byte stream as the renderer sees it. */
export interface ByteStream {
  /** Resolves once main accepted the stream; rejects with its one-line reason otherwise. */
  readonly opened: Promise<void>;
  send(chunk: Uint8Array): void;
  onData(listener: (chunk: Uint8Array) => void): () => void;
  onClose(listener: (reason?: string) => void): () => void;
  close(reason?: string): void;
}

/** What the renderer sees as `window.scrivania`, the same from the preload and from the web bridge. */
export interface ScrivaniaApi {
  readonly host: HostKind;
  invoke<K extends RequestKey>(key: K, request: RequestOf<K>): Promise<ResponseOf<K>>;
  on<K extends EventKey>(key: K, listener: (payload: EventOf<K>) => void): () => void;
  openStream<K extends StreamKey>(key: K, params: StreamParamsOf<K>): ByteStream;
}
