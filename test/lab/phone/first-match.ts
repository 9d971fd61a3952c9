/**
 * The first of what a peer reported that matches: already kept in `kept` (from index `since`), or still to come
 * through `listeners`, which the peer calls with each new one. After `timeoutMs` without one, `failure()` rejects.
 */
export const firstMatch = <T>(
  kept: readonly T[],
  listeners: Set<(item: T) => void>,
  match: (item: T) => boolean,
  { since, timeoutMs, failure }: { since: number; timeoutMs: number; failure: () => Error },
): Promise<T> => {
  const seen = kept.slice(since).find(match);
  if (seen) return Promise.resolve(seen);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      listeners.delete(listener);
      reject(failure());
    }, timeoutMs);
    const listener = (item: T): void => {
      if (!match(item)) return;
      clearTimeout(timer);
      listeners.delete(listener);
      resolve(item);
    };
    listeners.add(listener);
  });
};
