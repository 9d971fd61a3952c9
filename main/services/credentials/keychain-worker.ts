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
}

type Operation = { op: 'get'; account: string } | { op: 'set'; account: string; secret: string } | { op: 'delete'; account: string };
type Reply = { id: number; ok: true; value: unknown } | { id: number; ok: false; message: string };

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
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
 * never blocks main's event loop. A call that times out cannot be interrupted inside the native library, so the
 * worker is abandoned with everything queued behind it, and the next call starts a fresh one.
 */
export class KeychainWorker implements KeychainAccess {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  /** Workers told to stop, until their thread has really ended. */
  private readonly stopping = new Set<Promise<number>>();

  constructor(
    private readonly service: string,
    private readonly keyringModule: string = resolveKeyringModule(),
  ) {}

  async read(account: string, timeoutMs: number): Promise<string | null> {
    const value = await this.call({ op: 'get', account }, timeoutMs);
    return typeof value === 'string' ? value : null;
  }

  async write(account: string, secret: string, timeoutMs: number): Promise<void> {
    await this.call({ op: 'set', account, secret }, timeoutMs);
  }

  async remove(account: string, timeoutMs: number): Promise<boolean> {
    return (await this.call({ op: 'delete', account }, timeoutMs)) === true;
  }

  async dispose(): Promise<void> {
    this.abandon('the keychain was closed');
    await Promise.all(this.stopping);
  }

  private call(operation: Operation, timeoutMs: number): Promise<unknown> {
    const worker = this.worker ?? this.start();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => this.abandon(`the keychain did not answer within ${timeoutMs / 1000} s`), timeoutMs);
      this.pending.set(id, { resolve, reject, timer });
      worker.postMessage({ id, ...operation });
    });
  }

  private start(): Worker {
    const worker = new Worker(workerSource, { eval: true, workerData: { service: this.service, keyringModule: this.keyringModule } });
    worker.unref();
    worker.on('message', (reply: Reply) => this.settle(reply));
    worker.on('error', (error) => this.abandon(`the keychain worker failed: ${error.message}`));
    worker.on('exit', (code) => {
      if (this.worker === worker) this.abandon(`the keychain worker stopped with code ${code}`);
    });
    this.worker = worker;
    return worker;
  }

  private settle(reply: Reply): void {
    const pending = this.pending.get(reply.id);
    if (!pending) return;
    this.pending.delete(reply.id);
    clearTimeout(pending.timer);
    if (reply.ok) pending.resolve(reply.value);
    else pending.reject(new Error(reply.message));
  }

  private abandon(reason: string): void {
    const worker = this.worker;
    this.worker = undefined;
    if (worker) {
      const stopped = worker.terminate().finally(() => this.stopping.delete(stopped));
      this.stopping.add(stopped);
    }
    for (const pending of this.pending.values()) {
      clearTimeout(pending.timer);
      pending.reject(new Error(reason));
    }
    this.pending.clear();
  }
}
