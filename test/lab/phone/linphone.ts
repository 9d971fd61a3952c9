import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { firstMatch } from './first-match';
import { stopProcess, waitFor } from './processes';

export interface LinphoneOptions {
  name: string;
  dir: string;
  user: string;
  password: string;
  /** The registrar's UDP port on 127.0.0.1. */
  registrarPort: number;
  sipPort: number;
  rtpPorts: [number, number];
  /** The WAV Linphone sends as its microphone. */
  sourceWav: string;
}

/** A line linphonec printed, with its index in `lines` so a test can wait for one after a point. */
export interface LinphoneLine {
  index: number;
  text: string;
}

// UDP only, on 127.0.0.1; no video, no ICE/STUN, nothing Linphone would look up or announce beyond loopback.
const configFile = (options: LinphoneOptions): string => `[sip]
sip_port=${options.sipPort}
sip_tcp_port=-1
sip_tls_port=-1
bind_address=127.0.0.1
use_ipv6=0
register_only_when_network_is_up=0
guess_hostname=0
contact=sip:${options.user}@127.0.0.1:${options.sipPort}
inc_timeout=120
use_info=0
use_rfc2833=1
[rtp]
audio_rtp_port=${options.rtpPorts[0]}-${options.rtpPorts[1]}
nortp_timeout=3600
[net]
firewall_policy=0
mtu=1300
[video]
capture=0
display=0
automatically_initiate=0
automatically_accept=0
[misc]
version_check_url_root=
`;

/** linphonec reprints its prompt and blanks around what it says; what is left is one message per line. */
const cleanLines = (chunk: string): string[] =>
  chunk
    .split(/\r?\n/)
    .map((line) => line.replace(/linphonec> /g, '').trim())
    .filter((line) => line !== '');

/**
 * Linphone's command-line client (liblinphone) as a second, independent SIP peer on UDP: it offers Opus first,
 * then speex, PCMU and PCMA, plays a WAV as its microphone and records what it hears to another. Driven through
 * stdin; every line it prints is kept, so a test can wait for one that already happened.
 */
export class Linphone {
  readonly lines: LinphoneLine[] = [];
  /** What Linphone heard, as a WAV that grows while a call runs. */
  readonly recordingPath: string;
  private readonly listeners = new Set<(line: LinphoneLine) => void>();
  private partial = '';

  private constructor(
    readonly options: LinphoneOptions,
    private readonly child: ChildProcess,
    log: WriteStream,
  ) {
    this.recordingPath = join(options.dir, 'heard.wav');
    child.stdout?.setEncoding('utf8');
    child.stdout?.on('data', (chunk: string) => {
      log.write(chunk);
      this.receive(chunk);
    });
    child.stderr?.pipe(log);
  }

  static async start(options: LinphoneOptions): Promise<Linphone> {
    // liblinphone 5.1 keeps its databases under $HOME/.local/share/linphone and will not start without the folder.
    const home = join(options.dir, 'home');
    await mkdir(join(home, '.local', 'share', 'linphone'), { recursive: true });
    const config = join(options.dir, 'linphonerc');
    await writeFile(config, configFile(options), { mode: 0o600 });
    const log = createWriteStream(join(options.dir, 'linphone.log'));
    const child = spawn('linphonec', ['-c', config, '-d', '5', '-l', join(options.dir, 'liblinphone.log')], {
      env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin', HOME: home, LANG: 'C' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const linphone = new Linphone(options, child, log);
    try {
      await linphone.waitForLine(/Warning: video is disabled|linphonec>/, 'its prompt', 10_000).catch(() => undefined);
      linphone.send('soundcard use files');
      linphone.send(`play ${options.sourceWav}`);
      linphone.send(`record ${linphone.recordingPath}`);
      linphone.send(`register sip:${options.user}@127.0.0.1 sip:127.0.0.1:${options.registrarPort} ${options.password}`);
      await waitFor(
        `linphone ${options.name} registration`,
        async () => {
          const since = linphone.lines.length;
          linphone.send('status register');
          const line = await linphone
            .waitForLine(/^(registered|unregistered|registration)/, 'a registration status', 1_000, since)
            .catch(() => undefined);
          return line?.text.startsWith('registered,') ? true : undefined;
        },
        10_000,
        () => child.exitCode === null,
      );
      return linphone;
    } catch (error) {
      await stopProcess(child);
      throw new Error(`${(error as Error).message}; see ${join(options.dir, 'linphone.log')}`, { cause: error });
    }
  }

  aor(user: string): string {
    return `sip:${user}@127.0.0.1`;
  }

  /** One linphonec command line: call, answer, pause, resume, terminate, transfer, a DTMF digit… */
  send(line: string): void {
    this.child.stdin?.write(`${line}\n`);
  }

  /** The first line, already printed or still to come after `since` (an index into `lines`), that matches. */
  waitForLine(pattern: RegExp, what: string, timeoutMs = 10_000, since = 0): Promise<LinphoneLine> {
    return firstMatch(this.lines, this.listeners, (line) => pattern.test(line.text), {
      since,
      timeoutMs,
      failure: () =>
        new Error(
          `linphone ${this.options.name}: no ${what} within ${timeoutMs} ms (last lines: ${this.lines
            .slice(-8)
            .map((line) => line.text)
            .join(' | ')})`,
        ),
    });
  }

  /** The DTMF digits Linphone reported receiving since `since`, each as many times as it counted it. */
  digitsSince(since: number): string {
    return this.lines
      .slice(since)
      .map((line) => /^Receiving tone (.) from/.exec(line.text)?.[1] ?? '')
      .join('');
  }

  /** The id linphonec gave the newest call, for commands that need one when there are two. */
  lastCallId(): string | undefined {
    const ids = this.lines.map((line) => /assigned id (\d+)/.exec(line.text)?.[1]).filter((id) => id !== undefined);
    return ids.at(-1);
  }

  async stop(): Promise<void> {
    this.send('quit');
    await stopProcess(this.child);
  }

  private receive(chunk: string): void {
    const text = this.partial + chunk;
    const end = text.lastIndexOf('\n');
    this.partial = end < 0 ? text : text.slice(end + 1);
    if (end < 0) return;
    for (const clean of cleanLines(text.slice(0, end))) {
      const line = { index: this.lines.length, text: clean };
      this.lines.push(line);
      for (const listener of [...this.listeners]) listener(line);
    }
  }
}
