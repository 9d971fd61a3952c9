// A lasting connection to the web host's contract from Node, as the renderer has: requests, and the events it
// subscribed to, each kept with the time it arrived, so the working-day benchmark can ask "since when is it ok?".
import WebSocket from 'ws';

const REQUEST_TIMEOUT_MS = 15_000;

export class ContractWatch {
  /** The last payload of each subscribed event. */
  latest = new Map();
  /** Every event received: { at, key, payload }. */
  timeline = [];
  #socket;
  #nextId = 1;
  #pending = new Map();

  static async open(url, keys) {
    const { origin, hash } = new URL(url);
    const token = new URLSearchParams(hash.slice(1)).get('token');
    const socket = new WebSocket(`${origin.replace('http', 'ws')}/ws`, ['scrivania', `token.${token}`], { headers: { Origin: origin } });
    await new Promise((resolve, reject) => {
      socket.once('open', resolve);
      socket.once('error', reject);
    });
    const watch = new ContractWatch(socket);
    for (const key of keys) socket.send(JSON.stringify({ t: 'subscribe', key }));
    return watch;
  }

  constructor(socket) {
    this.#socket = socket;
    socket.on('message', (data, binary) => {
      if (binary) return;
      const message = JSON.parse(data.toString());
      if (message.t === 'event') {
        this.latest.set(message.key, message.payload);
        this.timeline.push({ at: Date.now(), key: message.key, payload: message.payload });
      } else if (message.t === 'response') {
        const pending = this.#pending.get(message.id);
        if (!pending) return;
        this.#pending.delete(message.id);
        clearTimeout(pending.timer);
        if (message.ok) pending.resolve(message.value);
        else pending.reject(new Error(`${pending.key}: ${message.error?.message ?? 'failed'}`));
      }
    });
  }

  request(key, payload = {}, timeoutMs = REQUEST_TIMEOUT_MS) {
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#pending.delete(id);
        reject(new Error(`${key}: no answer within ${timeoutMs / 1000} s`));
      }, timeoutMs);
      this.#pending.set(id, { key, resolve, reject, timer });
      this.#socket.send(JSON.stringify({ t: 'request', id, key, payload }));
    });
  }

  close() {
    this.#socket.close();
  }
}

/** Polls `check` (sync or async, true when the condition holds) every `everyMs`; the time it first held, or undefined. */
export const waitUntil = async (check, timeoutMs, everyMs = 250) => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const held = await Promise.resolve()
      .then(check)
      .catch(() => false);
    if (held) return Date.now();
    if (Date.now() >= deadline) return undefined;
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
};
