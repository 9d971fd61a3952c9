import { z } from 'zod';
import { ContractErrorBody } from './errors';

/**
 * The messages both transports carry (Electron IPC and the web host's WebSocket). A transport only moves them;
 * what they mean lives in main's ContractSession and the renderer's ContractClient.
 */
const Id = z.number().int().nonnegative();
const Key = z.string().min(1).max(100);
const Bytes = z.custom<Uint8Array>((value) => value instanceof Uint8Array, 'expected bytes');

/** Strict, like every payload: a field the contract does not know is refused by name, at the top level too. */
export const ClientMessage = z.discriminatedUnion('t', [
  z.strictObject({ t: z.literal('request'), id: Id, key: Key, payload: z.unknown() }),
  z.strictObject({ t: z.literal('subscribe'), key: Key }),
  z.strictObject({ t: z.literal('unsubscribe'), key: Key }),
  z.strictObject({ t: z.literal('stream.open'), id: Id, key: Key, params: z.unknown() }),
  z.strictObject({ t: z.literal('stream.data'), id: Id, data: Bytes }),
  z.strictObject({ t: z.literal('stream.close'), id: Id, reason: z.string().max(500).optional() }),
]);
export type ClientMessage = z.infer<typeof ClientMessage>;

const Response = z.discriminatedUnion('ok', [
  z.object({ t: z.literal('response'), id: Id, ok: z.literal(true), value: z.unknown() }),
  z.object({ t: z.literal('response'), id: Id, ok: z.literal(false), error: ContractErrorBody }),
]);

export const ServerMessage = z.discriminatedUnion('t', [
  Response,
  z.object({ t: z.literal('event'), key: Key, payload: z.unknown() }),
  z.object({ t: z.literal('stream.data'), id: Id, data: Bytes }),
  z.object({ t: z.literal('stream.close'), id: Id, reason: z.string().optional() }),
  /** A message that could not be read at all, so there is no id to answer. */
  z.object({ t: z.literal('error'), error: ContractErrorBody }),
]);
export type ServerMessage = z.infer<typeof ServerMessage>;

/** Binary frames on the WebSocket: a 4-byte big-endian stream id, then the chunk. */
export const encodeStreamFrame = (id: number, data: Uint8Array): Uint8Array => {
  const frame = new Uint8Array(4 + data.byteLength);
  new DataView(frame.buffer).setUint32(0, id);
  frame.set(data, 4);
  return frame;
};

export const decodeStreamFrame = (frame: Uint8Array): { id: number; data: Uint8Array } | undefined => {
  if (frame.byteLength < 4) return undefined;
  const id = new DataView(frame.buffer, frame.byteOffset, frame.byteLength).getUint32(0);
  return { id, data: frame.subarray(4) };
};

/** The one Electron IPC channel: ClientMessages from the preload, ServerMessages back. */
export const IPC_CHANNEL = 'scrivania:contract';
