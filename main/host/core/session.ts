import {
  badRequest,
  ClientMessage,
  contract,
  ContractError,
  formatPath,
  isEventKey,
  isRequestKey,
  isStreamKey,
  type EventKey,
  type ServerMessage,
} from '../../../common/contract';
import type { Logger } from '../../services/logging/logger';
import { Refusal } from '../../services/refusal';
import type { EventHub } from './event-hub';
import type { CallContext, RequestHandlers, StreamEnd, StreamHandlers } from '../../services/handlers';
import { messageOf } from '../../../common/error-message';

export interface ContractServerParts {
  requests: RequestHandlers;
  streams: StreamHandlers;
  events: EventHub;
  log: Logger;
}

/** A transport's connection to one renderer: the only thing a transport needs from main. */
export interface SessionPeer {
  send(message: ServerMessage): void;
  /** For logs: `window 1`, `ws 127.0.0.1:53122`. */
  readonly description: string;
}

interface StreamState {
  data: Set<(chunk: Uint8Array) => void>;
  close: Set<(reason?: string) => void>;
}

/**
 * One renderer's conversation with main. Every message is parsed with its schema on arrival; a malformed one gets
 * a typed error reply naming the field, is logged, and the session carries on.
 */
export class ContractSession {
  private readonly subscriptions = new Set<EventKey>();
  private readonly streams = new Map<number, StreamState>();
  /** The latest closed streams' ids, oldest first. */
  private readonly closedStreams = new Set<number>();
  private readonly stopListening: () => void;
  private readonly context: CallContext;

  constructor(
    private readonly parts: ContractServerParts,
    private readonly peer: SessionPeer,
    host: CallContext['host'],
  ) {
    this.context = { host, peer: peer.description };
    this.stopListening = parts.events.listen((key, payload) => {
      if (this.subscriptions.has(key)) peer.send({ t: 'event', key, payload });
    });
  }

  async receive(raw: unknown): Promise<void> {
    const parsed = ClientMessage.safeParse(raw);
    if (!parsed.success) return this.refuse(undefined, badRequest('message', parsed.error));
    const message = parsed.data;
    switch (message.t) {
      case 'request':
        return this.request(message.id, message.key, message.payload);
      case 'subscribe':
        return this.subscribe(message.key);
      case 'unsubscribe':
        this.subscriptions.delete(message.key as EventKey);
        return;
      case 'stream.open':
        return this.openStream(message.id, message.key, message.params);
      case 'stream.data': {
        const stream = this.streams.get(message.id);
        // Data that crossed its stream's close on the way is expected; data for a stream never opened is a mistake.
        if (!stream && this.closedStreams.has(message.id)) return;
        if (!stream) return this.refuse(undefined, new ContractError('bad-request', `stream ${message.id} is not open`, 'id'));
        stream.data.forEach((listener) => listener(message.data));
        return;
      }
      case 'stream.close':
        return this.finishStream(message.id, message.reason);
    }
  }

  dispose(): void {
    this.stopListening();
    for (const id of [...this.streams.keys()]) this.finishStream(id, 'the window went away');
  }

  private async request(id: number, key: string, payload: unknown): Promise<void> {
    if (!isRequestKey(key)) return this.refuse(id, new ContractError('unknown-member', `${key} is not a request in the contract`));
    const tooDeep = pathBeyondDepth(payload, MAX_NESTING);
    if (tooDeep !== undefined)
      return this.refuse(id, new ContractError('bad-request', `${key}: ${tooDeep} — nested more than ${MAX_NESTING} deep`, tooDeep));
    const parsed = contract[key].request.safeParse(payload);
    if (!parsed.success) return this.refuse(id, badRequest(key, parsed.error));
    try {
      const handler = this.parts.requests[key] as (request: unknown, context: CallContext) => unknown;
      const value = contract[key].response.parse(await handler(parsed.data, this.context));
      this.peer.send({ t: 'response', id, ok: true, value });
    } catch (error) {
      this.refuse(id, asContractError(key, error));
    }
  }

  private subscribe(key: string): void {
    if (!isEventKey(key)) return this.refuse(undefined, new ContractError('unknown-member', `${key} is not an event in the contract`));
    this.subscriptions.add(key);
    const retained = this.parts.events.retained(key);
    if (retained) this.peer.send({ t: 'event', key, payload: retained.payload });
  }

  private async openStream(id: number, key: string, params: unknown): Promise<void> {
    if (!isStreamKey(key)) return this.refuse(id, new ContractError('unknown-member', `${key} is not a stream in the contract`));
    if (this.streams.has(id)) return this.refuse(id, new ContractError('bad-request', `stream ${id} is already open`, 'id'));
    const parsed = contract[key].open.safeParse(params);
    if (!parsed.success) return this.refuse(id, badRequest(key, parsed.error));
    const state: StreamState = { data: new Set(), close: new Set() };
    this.streams.set(id, state);
    const end: StreamEnd = {
      send: (data) => {
        if (this.streams.has(id)) this.peer.send({ t: 'stream.data', id, data });
      },
      onData: (listener) => state.data.add(listener),
      onClose: (listener) => state.close.add(listener),
      close: (reason) => {
        if (!this.streams.has(id)) return;
        this.peer.send(reason === undefined ? { t: 'stream.close', id } : { t: 'stream.close', id, reason });
        this.finishStream(id, reason);
      },
    };
    try {
      const handler = this.parts.streams[key] as (params: unknown, end: StreamEnd, context: CallContext) => Promise<void> | void;
      await handler(parsed.data, end, this.context);
      this.peer.send({ t: 'response', id, ok: true, value: null });
    } catch (error) {
      this.streams.delete(id);
      this.refuse(id, asContractError(key, error));
    }
  }

  private finishStream(id: number, reason?: string): void {
    const state = this.streams.get(id);
    if (!state) return;
    this.streams.delete(id);
    this.closedStreams.add(id);
    if (this.closedStreams.size > RECENTLY_CLOSED_STREAMS) this.closedStreams.delete(this.closedStreams.values().next().value!);
    state.close.forEach((listener) => listener(reason));
  }

  private refuse(id: number | undefined, error: ContractError): void {
    this.parts.log.warn('refused a message', { peer: this.peer.description, code: error.code, reason: error.message });
    this.peer.send(id === undefined ? { t: 'error', error: error.toBody() } : { t: 'response', id, ok: false, error: error.toBody() });
  }
}

const RECENTLY_CLOSED_STREAMS = 64;

/** Deeper than any payload of the contract; a deeper one would only exhaust the stack of whatever walks it. */
const MAX_NESTING = 64;

/** The path of the first value nested deeper than `limit`, found without recursion; undefined when there is none. */
export const pathBeyondDepth = (value: unknown, limit: number): string | undefined => {
  const pending: { value: unknown; path: PropertyKey[] }[] = [{ value, path: [] }];
  while (pending.length > 0) {
    const { value: current, path } = pending.pop()!;
    if (typeof current !== 'object' || current === null) continue;
    if (path.length >= limit) return formatPath(path);
    for (const [key, child] of Object.entries(current))
      pending.push({ value: child, path: [...path, Array.isArray(current) ? Number(key) : key] });
  }
  return undefined;
};

const asContractError = (key: string, error: unknown): ContractError => {
  if (error instanceof ContractError) return error;
  if (error instanceof Refusal) return new ContractError(error.kind, `${key}: ${error.message}`, undefined, error.problem);
  const message = messageOf(error);
  return new ContractError('failed', `${key}: ${message}`);
};
