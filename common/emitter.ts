/** A typed event emitter with no platform dependency, for services and stores alike. */
export class Emitter<Events extends Record<string, unknown>> {
  /** Never set: it lets a function taking any emitter infer its events (generic methods give inference nothing). */
  declare readonly eventTypes?: Events;
  private readonly listeners = new Map<keyof Events, Set<(payload: never) => void>>();

  on<K extends keyof Events>(name: K, listener: (payload: Events[K]) => void): () => void {
    const set = this.listeners.get(name) ?? new Set();
    set.add(listener);
    this.listeners.set(name, set);
    return () => set.delete(listener);
  }

  emit<K extends keyof Events>(name: K, payload: Events[K]): void {
    for (const listener of [...(this.listeners.get(name) ?? [])]) (listener as (payload: Events[K]) => void)(payload);
  }
}
