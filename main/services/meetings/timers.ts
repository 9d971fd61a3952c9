/** Timers as a port, so tests can drive time and the service never keeps a process alive on its own. */
export interface Timers {
  setTimeout(callback: () => void, milliseconds: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** setTimeout caps delays at 2^31-1 ms (about 24.8 days); longer waits would fire at once. */
export const MAX_DELAY_MS = 2 ** 31 - 1;

export const nodeTimers: Timers = {
  setTimeout: (callback, milliseconds) => {
    const timer = setTimeout(callback, Math.min(Math.max(0, milliseconds), MAX_DELAY_MS));
    timer.unref();
    return timer;
  },
  clearTimeout: (handle) => {
    if (handle !== undefined) clearTimeout(handle as NodeJS.Timeout);
  },
};
