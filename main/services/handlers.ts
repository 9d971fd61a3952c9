import type { HostKind, RequestKey, RequestOf, ResponseOf, StreamKey, StreamParamsOf } from '../../common/contract';

/** Who is asking: the host kind and a description of the peer for logs. */
export interface CallContext {
  host: HostKind;
  peer: string;
}

export type RequestHandler<K extends RequestKey> = (request: RequestOf<K>, context: CallContext) => Promise<ResponseOf<K>> | ResponseOf<K>;

/** Every request member must have exactly one handler: a missing or mistyped one fails type-checking. */
export type RequestHandlers = { [K in RequestKey]: RequestHandler<K> };

/** Main's end of a byte stream. */
export interface StreamEnd {
  send(chunk: Uint8Array): void;
  onData(listener: (chunk: Uint8Array) => void): void;
  onClose(listener: (reason?: string) => void): void;
  close(reason?: string): void;
}

export type StreamHandler<K extends StreamKey> = (params: StreamParamsOf<K>, end: StreamEnd, context: CallContext) => Promise<void> | void;
export type StreamHandlers = { [K in StreamKey]: StreamHandler<K> };
