import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { VpnState } from '../../../common/contract/vpn';
import type { VpnConfigInput } from '../../../common/vpn/vpn-config';
import type { LogRecord } from '../../../main/services/logging/logger';
import type { VpnNotice } from '../../../main/services/vpn/notification-throttle';
import type { VpnMonitorStats } from '../../../main/services/vpn/vpn-monitor';
import type { LabNetwork } from './lab-network';
import type { LabProcess } from './processes';

export interface StateEvent {
  /** Date.now() in the monitor process when the state was emitted (same clock as the test's). */
  at: number;
  state: VpnState;
}

type Line =
  | { type: 'ready'; pid: number }
  | { type: 'state'; at: number; state: VpnState }
  | { type: 'notify'; at: number; notice: VpnNotice }
  | { type: 'log'; record: LogRecord }
  | { type: 'reply'; id: number; ok: true; value: unknown }
  | { type: 'reply'; id: number; ok: false; error: string };

const defaultRunner = (): string => fileURLToPath(new URL('./monitor-runner.ts', import.meta.url));

const bundles = new Map<string, Promise<string>>();
/** The runner and everything it imports in one ESM file, built with esbuild into the lab's own directory (removed with it). */
const bundleRunner = (entry: string, dir: string): Promise<string> => {
  let bundle = bundles.get(dir);
  if (!bundle) {
    const outfile = join(dir, 'monitor-runner.mjs');
    bundle = build({
      entryPoints: [entry],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      outfile,
      logLevel: 'warning',
    }).then(() => outfile);
    bundles.set(dir, bundle);
  }
  return bundle;
};

/** A VpnMonitor running inside the lab's client namespace, driven over stdin/stdout. */
export class LabMonitor {
  readonly events: StateEvent[] = [];
  readonly notices: { at: number; notice: VpnNotice }[] = [];
  /** Everything the monitor process printed, log records included: the secret-leak checks read it. */
  readonly rawOutput: string[] = [];
  private readonly replies = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  private readonly stateWaiters = new Set<() => void>();
  private nextId = 1;
  pid = 0;

  private constructor(private readonly peer: LabProcess) {}

  static async start(network: LabNetwork, options: { runnerEntry?: string } = {}): Promise<LabMonitor> {
    const bundle = await bundleRunner(options.runnerEntry ?? defaultRunner(), network.dir);
    const peer = network.spawn(network.client, 'vpn monitor', process.execPath, [bundle], { stdin: 'pipe' });
    const monitor = new LabMonitor(peer);
    const ready = new Promise<void>((resolve, reject) => {
      const stdout = peer.child.stdout;
      if (!stdout) return reject(new Error('the monitor has no stdout'));
      createInterface({ input: stdout }).on('line', (text) => {
        const line = monitor.take(text);
        if (line?.type === 'ready') {
          monitor.pid = line.pid;
          resolve();
        }
      });
      void peer.exited.then((code) => reject(new Error(`the monitor exited with ${code}: ${peer.tail()}`)));
    });
    await ready;
    return monitor;
  }

  configure(config: VpnConfigInput): Promise<unknown> {
    return this.request('configure', { config });
  }

  request<T = unknown>(cmd: string, extra: Record<string, unknown> = {}, timeoutMs = 20_000): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.replies.delete(id);
        reject(new Error(`the monitor did not answer ${cmd} within ${timeoutMs / 1000} s`));
      }, timeoutMs);
      this.replies.set(id, {
        resolve: (value) => {
          clearTimeout(timer);
          resolve(value as T);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      });
      this.peer.child.stdin?.write(`${JSON.stringify({ id, cmd, ...extra })}\n`);
    });
  }

  stats(): Promise<VpnMonitorStats> {
    return this.request('stats');
  }

  resources(): Promise<string[]> {
    return this.request('resources');
  }

  latest(): VpnState | undefined {
    return this.events.at(-1)?.state;
  }

  /** The first state event at or after index `from` that satisfies `accept`; rejects after `timeoutMs` naming the last state. */
  waitForState(
    accept: (state: VpnState) => boolean,
    options: { from?: number; timeoutMs: number; what: string },
  ): Promise<StateEvent & { index: number }> {
    const from = options.from ?? 0;
    return new Promise((resolve, reject) => {
      const check = (): boolean => {
        const index = this.events.findIndex((event, position) => position >= from && accept(event.state));
        if (index < 0) return false;
        finish();
        resolve({ ...(this.events[index] as StateEvent), index });
        return true;
      };
      const timer = setTimeout(() => {
        finish();
        const last = this.latest();
        reject(
          new Error(`no ${options.what} state within ${options.timeoutMs / 1000} s; last: ${last?.state} ${JSON.stringify(last?.reasons)}`),
        );
      }, options.timeoutMs);
      const finish = (): void => {
        clearTimeout(timer);
        this.stateWaiters.delete(waiter);
      };
      const waiter = (): void => void check();
      if (check()) return;
      this.stateWaiters.add(waiter);
    });
  }

  async stop(): Promise<void> {
    if (!this.peer.running) return;
    await this.request('exit', {}, 5_000).catch(() => undefined);
    await this.peer.stop('SIGTERM', 2_000);
  }

  private take(text: string): Line | undefined {
    this.rawOutput.push(text);
    let line: Line;
    try {
      line = JSON.parse(text) as Line;
    } catch {
      return undefined;
    }
    if (line.type === 'state') {
      this.events.push({ at: line.at, state: line.state });
      for (const waiter of [...this.stateWaiters]) waiter();
    } else if (line.type === 'notify') this.notices.push({ at: line.at, notice: line.notice });
    else if (line.type === 'reply') {
      const pending = this.replies.get(line.id);
      this.replies.delete(line.id);
      if (line.ok) pending?.resolve(line.value);
      else pending?.reject(new Error(line.error));
    }
    return line;
  }
}
