import { contract, type EventKey, type EventOf } from '../../../common/contract';

type Listener = (key: EventKey, payload: unknown) => void;

/** Fans main's events out to every subscribed session; retained events replay their latest payload. */
export class EventHub {
  private readonly latest = new Map<EventKey, unknown>();
  private readonly listeners = new Set<Listener>();

  emit<K extends EventKey>(key: K, payload: EventOf<K>): void {
    const checked = contract[key].payload.parse(payload);
    if (contract[key].retained) this.latest.set(key, checked);
    for (const listener of [...this.listeners]) listener(key, checked);
  }

  retained(key: EventKey): { payload: unknown } | undefined {
    return this.latest.has(key) ? { payload: this.latest.get(key) } : undefined;
  }

  listen(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
