import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** The OS keychain, one account of one service at a time; every call gives up after `timeoutMs`. */
export interface KeychainAccess {
  read(account: string, timeoutMs: number): Promise<string | null>;
  write(account: string, secret: string, timeoutMs: number): Promise<void>;
  /** true when there was a credential to delete. */
  remove(account: string, timeoutMs: number): Promise<boolean>;
  /** Settles once no keychain call runs any more; one stuck in native code keeps it pending. */
  dispose(): Promise<void>;
  /** Where the keychain can be looked at without writing or reading a secret (the Secret Service). */
  state?(timeoutMs: number): Promise<KeychainState>;
  /** Where the keychain opens its own windows: closes those calls wait on. */
  cancelPrompts?(): boolean;
}

/** Whether the keychain is there to use; a locked one is, since a call asks the person to unlock it. */
export type KeychainState =
  { ready: true; locked: boolean; keepsDeleted: boolean } | { ready: false; problem: 'absent' | 'no-collection'; detail: string };

type Operation = { op: 'get'; account: string } | { op: 'set'; account: string; secret: string } | { op: 'delete'; account: string };
type Reply = { id: number; ok: true; value: unknown } | { id: number; ok: false; message: string };

interface Queued {
  operation: Operation;
  timeoutMs: number;
  resolve(value: unknown): void;
  reject(error: Error): void;
}

interface Running extends Queued {
  id: number;
  timer: NodeJS.Timeout;
}

/*
 * Runs in the worker. It uses the synchronous Entry on purpose: even AsyncEntry's constructor talks to D-Bus on the
 * calling thread (measured: it blocks for 2 s when the Secret Service is activatable but never answers), and the
 * async methods would occupy libuv's shared thread pool, which fs and dns need, while a keychain call hangs.
 * On Linux the entry is pinned to the Secret Service: the library's default silently falls back to the kernel
 * keyring, which is not the keychain the person knows and forgets everything on reboot.
 */
const workerSource = `
const { parentPort, workerData } = require('node:worker_threads');
const { Entry } = require(workerData.keyringModule);
const options = { linux: { store: 'secret-service' } };
const perform = (request) => {
  const entry = new Entry(workerData.service, request.account, options);
  if (request.op === 'get') return entry.getPassword();
  if (request.op === 'delete') return entry.deleteCredential();
  entry.setPassword(request.secret);
  return null;
};
parentPort.on('message', (request) => {
  try {
    parentPort.postMessage({ id: request.id, ok: true, value: perform(request) });
  } catch (error) {
    parentPort.postMessage({ id: request.id, ok: false, message: error instanceof Error ? error.message : String(error) });
  }
});
`;

const resolveKeyringModule = (): string => createRequire(import.meta.url).resolve('@napi-rs/keyring');

/**
 * @napi-rs/keyring on a worker thread, so a keychain that hangs (a wedged D-Bus peer, an unanswered unlock prompt)
 * never blocks main's event loop. Calls run one at a time, in order: each opens its own Secret Service session, and
 * thousands at once make the keychain daemon drop them. A call's timeout counts from when it starts. One that times
 * out cannot be interrupted inside the native library, so its worker is abandoned and the calls queued behind it go
 * on in a fresh one. Reads of the same account waiting together share one keychain call.
 */
export class KeychainWorker implements KeychainAccess {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly queue: Queued[] = [];
  private running: Running | undefined;
  /** Workers told to stop, until their thread has really ended. */
  private readonly stopping = new Set<Promise<number>>();
  private closed = false;

  constructor(
    private readonly service: string,
    private readonly keyringModule: string = resolveKeyringModule(),
  ) {}

  async read(account: string, timeoutMs: number): Promise<string | null> {
    const value = await this.sharedRead(account, timeoutMs);
    return typeof value === 'string' ? value : null;
  }

  async write(account: string, secret: string, timeoutMs: number): Promise<void> {
    await this.call({ op: 'set', account, secret }, timeoutMs);
  }

  async remove(account: string, timeoutMs: number): Promise<boolean> {
    return (await this.call({ op: 'delete', account }, timeoutMs)) === true;
  }

  async dispose(): Promise<void> {
    this.closed = true;
    const reason = new Error('the keychain was closed');
    for (const queued of this.queue.splice(0)) queued.reject(reason);
    this.abandon(reason);
    await Promise.all(this.stopping);
  }

  /** A read joins one of the same account still waiting in the queue with no change of that account after it. */
  private sharedRead(account: string, timeoutMs: number): Promise<unknown> {
    const last = [...this.queue].reverse().find((queued) => queued.operation.account === account);
    if (last?.operation.op === 'get') {
      return new Promise((resolve, reject) => {
        const { resolve: first, reject: firstReject } = last;
        last.resolve = (value) => (first(value), resolve(value));
        last.reject = (error) => (firstReject(error), reject(error));
      });
    }
    return this.call({ op: 'get', account }, timeoutMs);
  }

  private call(operation: Operation, timeoutMs: number): Promise<unknown> {
    if (this.closed) return Promise.reject(new Error('the keychain was closed'));
    return new Promise((resolve, reject) => {
      this.queue.push({ operation, timeoutMs, resolve, reject });
      this.next();
    });
  }

  private next(): void {
    if (this.running) return;
    const queued = this.queue.shift();
    if (!queued) return;
    const worker = this.worker ?? this.start();
    const id = this.nextId++;
    const timer = setTimeout(
      () => this.abandon(new Error(`the keychain did not answer within ${queued.timeoutMs / 1000} s`)),
      queued.timeoutMs,
    );
    this.running = { ...queued, id, timer };
    worker.postMessage({ id, ...queued.operation });
  }

  private start(): Worker {
    const worker = new Worker(workerSource, { eval: true, workerData: { service: this.service, keyringModule: this.keyringModule } });
    worker.unref();
    worker.on('message', (reply: Reply) => this.settle(reply));
    worker.on('error', (error) => {
      if (this.worker === worker) this.abandon(new Error(`the keychain worker failed: ${error.message}`));
    });
    worker.on('exit', (code) => {
      if (this.worker === worker) this.abandon(new Error(`the keychain worker stopped with code ${code}`));
    });
    this.worker = worker;
    return worker;
  }

  private settle(reply: Reply): void {
    const running = this.running;
    if (running?.id !== reply.id) return;
    this.running = undefined;
    clearTimeout(running.timer);
    if (reply.ok) running.resolve(reply.value);
    else running.reject(new Error(reply.message));
    this.next();
  }

  /** Fails the running call only; the worker it is stuck in is left to end, and the queue goes on in a new one. */
  private abandon(reason: Error): void {
    const worker = this.worker;
    this.worker = undefined;
    if (worker) {
      const stopped = worker.terminate().finally(() => this.stopping.delete(stopped));
      this.stopping.add(stopped);
    }
    const running = this.running;
    this.running = undefined;
    if (running) {
      clearTimeout(running.timer);
      running.reject(reason);
    }
    if (!this.closed) this.next();
  }
}
