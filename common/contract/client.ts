import {
  contract,
  isRequestKey,
  type ContractKey,
  type EventKey,
  type EventOf,
  type RequestKey,
  type RequestOf,
  type ResponseOf,
  type StreamKey,
  type StreamParamsOf,
} from './index';
import type { ByteStream, ScrivaniaApi } from './api';
import type { HostKind } from './app';
import { ContractError } from './errors';
import { ServerMessage, type ClientMessage } from './wire';

export interface ClientTransport {
  send(message: ClientMessage): void;
}

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
  timer: unknown;
}

interface OpenStream {
  data: Set<(chunk: Uint8Array) => void>;
  close: Set<(reason?: string) => void>;
}

const REQUEST_TIMEOUT_MS = 60_000;

/**
 * The renderer's side of the contract over any transport: the preload wraps it for Electron IPC, the web bridge
 * for the WebSocket. Responses and events are parsed with their schemas before anyone sees them.
 */
export class ContractClient implements ScrivaniaApi {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly listeners = new Map<string, Set<(payload: never) => void>>();
  /** The latest payload of each retained event someone listens to, for listeners that come after main's replay. */
  private readonly retained = new Map<string, unknown>();
  private readonly streams = new Map<number, OpenStream>();

  constructor(
    readonly host: HostKind,
    private readonly transport: ClientTransport,
    private readonly report: (problem: string) => void = () => undefined,
  ) {}

  invoke<K extends RequestKey>(key: K, request: RequestOf<K>): Promise<ResponseOf<K>> {
    if (!isRequestKey(key))
      return Promise.reject(new ContractError('unknown-member', `${String(key)} is not a request in the contract`)) as never;
    const id = this.nextId++;
    const answer = this.expectResponse(id, key, () => this.transport.send({ t: 'request', id, key, payload: request }));
    return answer.then((value) => {
      const parsed = contract[key].response.safeParse(value);
      if (!parsed.success) throw new ContractError('failed', `${key}: main answered with a malformed response`);
      return parsed.data;
    }) as never;
  }

  on<K extends EventKey>(key: K, listener: (payload: EventOf<K>) => void): () => void {
    const existing = this.listeners.get(key);
    const set = existing ?? new Set();
    set.add(listener as (payload: never) => void);
    if (!existing) {
      this.listeners.set(key, set);
      this.transport.send({ t: 'subscribe', key });
    } else if (this.retained.has(key)) {
      // Main replays a retained event only on the first subscribe of a key; later listeners get it from here.
      listener(this.retained.get(key) as EventOf<K>);
    }
    return () => {
      set.delete(listener as (payload: never) => void);
      if (set.size > 0) return;
      this.listeners.delete(key);
      this.retained.delete(key);
      this.transport.send({ t: 'unsubscribe', key });
    };
  }

  openStream<K extends StreamKey>(key: K, params: StreamParamsOf<K>): ByteStream {
    const id = this.nextId++;
    const open: OpenStream = { data: new Set(), close: new Set() };
    this.streams.set(id, open);
    const opened = this.expectResponse(id, key, () => this.transport.send({ t: 'stream.open', id, key, params }));
    opened.catch((error: Error) => this.finishStream(id, error.message));
    return {
      opened: opened.then(() => undefined),
      send: (data) => {
        if (this.streams.has(id)) this.transport.send({ t: 'stream.data', id, data });
      },
      onData: (listener) => subscribe(open.data, listener),
      onClose: (listener) => subscribe(open.close, listener),
      close: (reason) => {
        if (!this.streams.has(id)) return;
        this.transport.send(reason === undefined ? { t: 'stream.close', id } : { t: 'stream.close', id, reason });
        this.finishStream(id, reason);
      },
    };
  }

  /** Feed every message the transport receives from main. */
  receive(raw: unknown): void {
    const parsed = ServerMessage.safeParse(raw);
    if (!parsed.success) {
      this.report(`malformed message from main: ${parsed.error.issues[0]?.message ?? 'unreadable'}`);
      return;
    }
    const message = parsed.data;
    switch (message.t) {
      case 'response':
        return this.settle(message.id, message.ok ? { value: message.value } : { error: ContractError.fromBody(message.error) });
      case 'event':
        return this.deliverEvent(message.key, message.payload);
      case 'stream.data':
        this.streams.get(message.id)?.data.forEach((listener) => listener(message.data));
        return;
      case 'stream.close':
        return this.finishStream(message.id, message.reason);
      case 'error':
        this.report(`main refused a message: ${message.error.message}`);
        return;
    }
  }

  /** The transport dropped: fail what is in flight. Subscriptions are kept for `resubscribe`. */
  connectionLost(reason: string): void {
    for (const [id] of this.pending) this.settle(id, { error: new ContractError('closed', reason) });
    for (const [id] of this.streams) this.finishStream(id, reason);
  }

  /** The transport is back: ask again for every event someone listens to. */
  resubscribe(): void {
    for (const key of this.listeners.keys()) this.transport.send({ t: 'subscribe', key });
  }

  private expectResponse(id: number, key: ContractKey, send: () => void): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new ContractError('failed', `${key}: no answer within ${REQUEST_TIMEOUT_MS / 1000} s`));
      }, REQUEST_TIMEOUT_MS);
      this.pending.set(id, { resolve, reject, timer });
      send();
    });
  }

  private settle(id: number, outcome: { value: unknown } | { error: Error }): void {
    const pending = this.pending.get(id);
    if (!pending) return;
    this.pending.delete(id);
    clearTimeout(pending.timer);
    if ('error' in outcome) pending.reject(outcome.error);
    else pending.resolve(outcome.value);
  }

  private deliverEvent(key: string, payload: unknown): void {
    const listeners = this.listeners.get(key);
    if (!listeners) return;
    const member = contract[key as ContractKey];
    if (member?.kind !== 'event') return this.report(`event ${key} is not in the contract`);
    const parsed = member.payload.safeParse(payload);
    if (!parsed.success) return this.report(`event ${key}: malformed payload`);
    if (member.retained) this.retained.set(key, parsed.data);
    // Over a copy, so that a listener added by another listener gets this payload once, from `on`.
    for (const listener of [...listeners]) if (listeners.has(listener)) (listener as (payload: unknown) => void)(parsed.data);
  }

  private finishStream(id: number, reason?: string): void {
    const open = this.streams.get(id);
    if (!open) return;
    this.streams.delete(id);
    open.close.forEach((listener) => listener(reason));
  }
}

const subscribe = <T>(set: Set<T>, listener: T): (() => void) => {
  set.add(listener);
  return () => set.delete(listener);
};
