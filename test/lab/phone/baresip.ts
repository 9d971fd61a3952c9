import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { connect, type Socket } from 'node:net';
import { join } from 'node:path';
import { firstMatch } from './first-match';
import { stopProcess, waitFor } from './processes';

/** One SIP account of a baresip instance. */
export interface BaresipAccount {
  user: string;
  password: string;
  /** `auto` answers at once: the transfer target and the feature-code announcement. */
  answerMode: 'manual' | 'auto';
}

export interface BaresipOptions {
  name: string;
  dir: string;
  accounts: BaresipAccount[];
  /** The registrar's UDP port on 127.0.0.1. */
  registrarPort: number;
  sipPort: number;
  controlPort: number;
  rtpPorts: [number, number];
  /** An 8 kHz mono 16-bit WAV baresip sends as its microphone. */
  sourceWav: string;
}

/** G.711 first, as a desk phone or a PSTN gateway offers, then Opus: Linphone's calls run Opus, baresip's G.711. */
const AUDIO_CODECS = 'PCMU,PCMA,opus/48000/2';

/** An event baresip's ctrl_tcp module reports, e.g. CALL_INCOMING, CALL_ESTABLISHED, CALL_DTMF_START. */
export interface BaresipEvent {
  type: string;
  class?: string;
  accountaor?: string;
  direction?: string;
  peeruri?: string;
  id?: string;
  param?: string;
  [key: string]: unknown;
}

const configFile = (options: BaresipOptions): string => `poll_method epoll
sip_listen 127.0.0.1:${options.sipPort}
net_interface 127.0.0.1
dns_server 127.0.0.1:53
call_local_timeout 120
call_max_calls 4
audio_player alsa,null
audio_alert alsa,null
audio_source aufile,${options.sourceWav}
ausrc_srate 8000
auplay_srate 8000
ausrc_channels 1
auplay_channels 1
audio_level no
rtp_ports ${options.rtpPorts[0]}-${options.rtpPorts[1]}
rtp_timeout 0
module_path /usr/lib/baresip/modules
module g711.so
module opus.so
module aufile.so
module sndfile.so
snd_path ${join(options.dir, 'heard')}
module alsa.so
module_app account.so
module_app menu.so
module_app ctrl_tcp.so
ctrl_tcp_listen 127.0.0.1:${options.controlPort}
`;

const accountsFile = (options: BaresipOptions): string =>
  options.accounts
    // Every request goes through Kamailio, also one to a transfer target named without a port (sip:2042@127.0.0.1).
    .map(
      (account) =>
        `<sip:${account.user}@127.0.0.1:${options.registrarPort}>;auth_pass=${account.password};outbound="sip:127.0.0.1:${options.registrarPort}";answermode=${account.answerMode};regint=600;audio_codecs=${AUDIO_CODECS}`,
    )
    .join('\n');

/** A netstring: `<length>:<bytes>,`, as ctrl_tcp speaks. */
const netstring = (text: string): string => `${Buffer.byteLength(text)}:${text},`;

/**
 * baresip as a real SIP peer on UDP: started with its own config folder, driven through ctrl_tcp (JSON in
 * netstrings), every event it reports kept so tests can wait for one that already happened.
 */
export class Baresip {
  readonly events: BaresipEvent[] = [];
  private readonly listeners = new Set<(event: BaresipEvent) => void>();
  private nextToken = 1;
  private readonly pending = new Map<string, { resolve: (data: string) => void; reject: (error: Error) => void }>();
  private buffer = Buffer.alloc(0);

  private constructor(
    readonly options: BaresipOptions,
    private readonly child: ChildProcess,
    private readonly socket: Socket,
  ) {
    socket.on('data', (chunk: Buffer) => this.receive(chunk));
  }

  static async start(options: BaresipOptions): Promise<Baresip> {
    await mkdir(join(options.dir, 'heard'), { recursive: true });
    await writeFile(join(options.dir, 'config'), configFile(options));
    await writeFile(join(options.dir, 'accounts'), `${accountsFile(options)}\n`, { mode: 0o600 });
    await writeFile(join(options.dir, 'contacts'), '');
    const log = createWriteStream(join(options.dir, 'baresip.log'));
    const child = spawn('baresip', ['-f', options.dir], { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout?.pipe(log);
    child.stderr?.pipe(log);
    try {
      const socket = await waitFor(
        `baresip ${options.name} control port`,
        () => tryConnect(options.controlPort),
        5_000,
        () => child.exitCode === null,
      );
      return new Baresip(options, child, socket);
    } catch (error) {
      await stopProcess(child);
      throw error;
    }
  }

  aor(user: string): string {
    return `sip:${user}@127.0.0.1:${this.options.registrarPort}`;
  }

  /** Runs a menu command (dial, accept, hangup, sndcode, callstat…) and returns what baresip answered. */
  command(command: string, params = '', timeoutMs = 5_000): Promise<string> {
    const token = String(this.nextToken++);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(token);
        reject(new Error(`baresip ${this.options.name}: no answer to "${command}" within ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(token, {
        resolve: (data) => {
          clearTimeout(timer);
          resolve(data);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      });
      this.socket.write(netstring(JSON.stringify({ command, params, token })));
    });
  }

  /** The first event, already seen or still to come after `since` (an index into `events`), that matches. */
  waitForEvent(match: (event: BaresipEvent) => boolean, what: string, timeoutMs = 10_000, since = 0): Promise<BaresipEvent> {
    return firstMatch(this.events, this.listeners, match, {
      since,
      timeoutMs,
      failure: () =>
        new Error(
          `baresip ${this.options.name}: no ${what} within ${timeoutMs} ms (saw ${this.events.map((event) => event.type).join(', ')})`,
        ),
    });
  }

  /** Registration happens before the control socket connects, so this asks baresip instead of waiting for events. */
  async waitForRegistrations(timeoutMs = 5_000): Promise<void> {
    const registered = (info: string, user: string): boolean =>
      info
        // baresip colours its status: ESC [ … m.
        .replace(new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g'), '')
        .split('\n')
        .some((line) => line.includes(`sip:${user}@`) && /\bOK\b/.test(line));
    await waitFor(
      `baresip ${this.options.name} registrations`,
      async () => {
        const info = await this.command('reginfo');
        return this.options.accounts.every((account) => registered(info, account.user)) ? true : undefined;
      },
      timeoutMs,
      () => this.child.exitCode === null,
    );
  }

  /** The WAV of what baresip heard in its newest call: the sndfile module writes one per call as it goes. */
  async heardRecording(): Promise<string | undefined> {
    const dir = join(this.options.dir, 'heard');
    const newest = (await readdir(dir))
      .filter((name) => name.endsWith('-dec.wav'))
      .sort()
      .at(-1);
    return newest ? join(dir, newest) : undefined;
  }

  async stop(): Promise<void> {
    this.socket.destroy();
    for (const { reject } of this.pending.values()) reject(new Error(`baresip ${this.options.name} stopped`));
    this.pending.clear();
    await stopProcess(this.child);
  }

  private receive(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const colon = this.buffer.indexOf(':');
      if (colon < 0) return;
      const length = Number(this.buffer.subarray(0, colon).toString());
      if (this.buffer.length < colon + 1 + length + 1) return;
      const body = this.buffer.subarray(colon + 1, colon + 1 + length).toString();
      this.buffer = this.buffer.subarray(colon + 1 + length + 1);
      this.dispatch(JSON.parse(body) as Record<string, unknown>);
    }
  }

  private dispatch(message: Record<string, unknown>): void {
    if (message['response'] === true) {
      const waiter = this.pending.get(String(message['token']));
      this.pending.delete(String(message['token']));
      if (!waiter) return;
      if (message['ok'] === false) waiter.reject(new Error(`baresip ${this.options.name}: ${String(message['data'] ?? 'command failed')}`));
      else waiter.resolve(String(message['data'] ?? ''));
      return;
    }
    if (message['event'] !== true) return;
    const event = message as BaresipEvent;
    this.events.push(event);
    for (const listener of [...this.listeners]) listener(event);
  }
}

const tryConnect = (port: number): Promise<Socket | undefined> =>
  new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port, timeout: 1_000 });
    socket.once('connect', () => {
      socket.setTimeout(0);
      resolve(socket);
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve(undefined);
    });
    socket.once('error', () => resolve(undefined));
  });
