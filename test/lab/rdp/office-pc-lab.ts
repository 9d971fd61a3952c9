import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freeLoopbackPort, onPath, skipReasonOutsideCi, stopChild } from '../peers';

const run = promisify(execFile);

/**
 * An office PC on loopback: an Xvfb display with a solid root colour and an xterm, shared by FreeRDP's shadow
 * server with NLA (NTLM against a SAM file) or with TLS only. Every process is a child of the lab and ends with stop().
 */

export const RDP_LAB_BINARIES = ['Xvfb', 'xsetroot', 'xterm', 'xwd', 'xwininfo', 'xev', 'freerdp-shadow-cli', 'winpr-hash'] as const;
export const RDP_LAB_PACKAGES = [
  'xvfb',
  'x11-xserver-utils',
  'x11-apps',
  'x11-utils',
  'xterm',
  'freerdp2-shadow-x11',
  'winpr-utils',
] as const;

const XTERM_TITLE = 'scrivania-lab-xterm';

/** Why the RDP lab cannot run, or undefined. In CI a missing peer throws (the test fails) instead of skipping. */
export const missingRdpPeer = (): string | undefined => {
  const missing = RDP_LAB_BINARIES.filter((binary) => !onPath(binary));
  if (missing.length === 0) return undefined;
  const reason = `lab peer office-pc needs ${missing.join(', ')}: install the Debian packages ${RDP_LAB_PACKAGES.join(' ')} (bash test/lab/system-packages.sh)`;
  return skipReasonOutsideCi(reason);
};

export type LabSecurity = 'nla' | 'tls';

export interface OfficePcLabOptions {
  security: LabSecurity;
  username?: string;
  password?: string;
  /** The root window's colour as #rrggbb. */
  colour?: string;
  width?: number;
  height?: number;
}

export interface OfficePcLab {
  readonly display: string;
  readonly port: number;
  readonly username: string;
  readonly password: string;
  readonly colour: string;
  readonly width: number;
  readonly height: number;
  /** A folder the remote shell can write into, which the test reads. */
  readonly shared: string;
  /** The xterm's top-left corner and size on the display, in pixels. */
  readonly xterm: { x: number; y: number; width: number; height: number };
  /** SHA-256 (lowercase hex) of the certificate the shadow server presents now. */
  certificateSha256(): Promise<string>;
  /** The display's own pixel at (x, y), read with xwd. */
  pixel(x: number, y: number): Promise<{ r: number; g: number; b: number }>;
  /** Starts recording the key and button presses the root window gets (xev), which the office PC's user "did". */
  watchRootInput(): Promise<RootInputWatch>;
  /** Kills the shadow server (as a network drop would) and, unless told otherwise, starts it again on the same port. */
  restartShadow(options?: { newCertificate?: boolean; downMs?: number }): Promise<void>;
  stopShadow(): Promise<void>;
  stop(): Promise<void>;
}

export interface RootInputWatch {
  /** `key Control_L`, `button 1`…: each press the root window received, in order. */
  presses(): string[];
  stop(): Promise<void>;
}

/** xev prints each event as a block; the press's detail sits on a later line of the block. */
export const parseXevPresses = (text: string): string[] => {
  const presses: string[] = [];
  for (const block of text.split(/\n(?=\S)/)) {
    if (block.startsWith('KeyPress')) {
      const key = /keycode \d+ \(keysym 0x[0-9a-f]+, ([^)]+)\)/.exec(block);
      if (key) presses.push(`key ${key[1]}`);
    } else if (block.startsWith('ButtonPress')) {
      const button = /button (\d+)/.exec(block);
      if (button) presses.push(`button ${button[1]}`);
    }
  }
  return presses;
};

const accepts = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(500, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });

const waitFor = async (what: string, check: () => Promise<boolean>, timeoutMs: number, child?: ChildProcess): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (child && child.exitCode !== null) throw new Error(`${what}: the process exited with code ${child.exitCode}`);
    if (Date.now() > deadline) throw new Error(`${what} not ready within ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
};

/** Xvfb picks a free display itself and writes its number on the descriptor we give it. */
const startXvfb = async (width: number, height: number, log: string): Promise<{ child: ChildProcess; display: string }> => {
  const child = spawn('Xvfb', ['-displayfd', '3', '-screen', '0', `${width}x${height}x24`, '-nolisten', 'tcp', '-noreset'], {
    stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
  });
  child.stderr?.pipe(createWriteStream(log));
  const fd = child.stdio[3] as NodeJS.ReadableStream;
  const number = await new Promise<string>((resolve, reject) => {
    let text = '';
    const timer = setTimeout(() => reject(new Error('Xvfb printed no display number within 10 s')), 10_000);
    fd.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      if (text.includes('\n')) {
        clearTimeout(timer);
        resolve(text.trim());
      }
    });
    child.once('exit', (code) => reject(new Error(`Xvfb exited with code ${code}`)));
  });
  return { child, display: `:${number}` };
};

export const parseXwdPixel = (dump: Buffer, x: number, y: number): { r: number; g: number; b: number } => {
  // XWD header (big-endian CARD32 fields): header_size, …, bytes_per_line at 12, ncolors at 19 (each 4 bytes).
  const headerSize = dump.readUInt32BE(0);
  const bitsPerPixel = dump.readUInt32BE(11 * 4);
  const bytesPerLine = dump.readUInt32BE(12 * 4);
  const byteOrder = dump.readUInt32BE(7 * 4);
  const colours = dump.readUInt32BE(19 * 4);
  if (bitsPerPixel !== 32) throw new Error(`xwd dump has ${bitsPerPixel} bits per pixel, expected 32`);
  const offset = headerSize + colours * 12 + y * bytesPerLine + x * 4;
  const value = byteOrder === 0 ? dump.readUInt32LE(offset) : dump.readUInt32BE(offset);
  return { r: (value >> 16) & 0xff, g: (value >> 8) & 0xff, b: value & 0xff };
};

export const startOfficePcLab = async (options: OfficePcLabOptions): Promise<OfficePcLab> => {
  const username = options.username ?? 'mrossi';
  const password = options.password ?? 'Lab-Passw0rd-4711';
  const colour = options.colour ?? '#2a6fdb';
  const width = options.width ?? 1024;
  const height = options.height ?? 768;
  const root = await mkdtemp(join(tmpdir(), 'scrivania-rdp-lab-'));
  const home = join(root, 'home');
  const shared = join(root, 'shared');
  await mkdir(home);
  await mkdir(shared);
  const children: ChildProcess[] = [];
  let shadow: ChildProcess | undefined;
  let shadowHome = home;
  let shadowRuns = 0;
  const port = await freeLoopbackPort();

  const stop = async (): Promise<void> => {
    await stopChild(shadow);
    for (const child of children.reverse()) await stopChild(child);
    await rm(root, { recursive: true, force: true });
  };

  try {
    const xvfb = await startXvfb(width, height, join(root, 'xvfb.log'));
    children.push(xvfb.child);
    const env = { ...process.env, DISPLAY: xvfb.display, HOME: home };
    await run('xsetroot', ['-solid', colour], { env, timeout: 5_000 });

    const xterm = { x: 0, y: 0, width: 0, height: 0 };
    const term = spawn(
      'xterm',
      ['-geometry', '70x12+20+20', '-fa', 'Monospace', '-fs', '12', '-bg', 'black', '-fg', 'white', '-title', XTERM_TITLE, '-e', 'sh'],
      {
        env: { ...env, PS1: '$ ', ENV: '' },
        cwd: shared,
        stdio: 'ignore',
      },
    );
    children.push(term);
    await waitFor(
      'xterm window',
      async () => {
        const { stdout } = await run('xwininfo', ['-name', XTERM_TITLE], { env, timeout: 5_000 }).catch(() => ({ stdout: '' }));
        const field = (name: string): number => Number(new RegExp(`${name}:\\s+(\\d+)`).exec(stdout)?.[1] ?? 0);
        Object.assign(xterm, {
          x: field('Absolute upper-left X'),
          y: field('Absolute upper-left Y'),
          width: field('Width'),
          height: field('Height'),
        });
        return xterm.width > 0;
      },
      10_000,
      term,
    );

    const samFile = join(root, 'sam');
    const { stdout: samLine } = await run('winpr-hash', ['-u', username, '-p', password, '-f', 'sam'], { timeout: 5_000 });
    await writeFile(samFile, samLine, { mode: 0o600 });

    const startShadow = async (): Promise<void> => {
      const security = options.security === 'nla' ? ['+auth', '/sec:nla', `/sam-file:${samFile}`] : ['-auth', '/sec:tls'];
      shadowRuns += 1;
      shadow = spawn('freerdp-shadow-cli', [`/port:${port}`, '/bind-address:127.0.0.1', ...security], {
        env: { ...env, HOME: shadowHome },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const log = createWriteStream(join(root, `shadow-${shadowRuns}.log`));
      shadow.stdout?.pipe(log);
      shadow.stderr?.pipe(log);
      await waitFor('freerdp-shadow-cli', () => accepts(port), 10_000, shadow);
    };
    await startShadow();

    return {
      display: xvfb.display,
      port,
      username,
      password,
      colour,
      width,
      height,
      shared,
      xterm,
      certificateSha256: async () => {
        const pem = await readFile(join(shadowHome, '.config', 'freerdp', 'shadow', 'shadow.crt'), 'utf8');
        return new X509Certificate(pem).fingerprint256.replace(/:/g, '').toLowerCase();
      },
      pixel: async (x, y) => {
        const { stdout } = await run('xwd', ['-root', '-silent'], {
          env,
          encoding: 'buffer',
          maxBuffer: 64 * 1024 * 1024,
          timeout: 10_000,
        });
        return parseXwdPixel(stdout, x, y);
      },
      restartShadow: async ({ newCertificate = false, downMs = 0 } = {}) => {
        await stopChild(shadow);
        if (newCertificate) {
          // A fresh HOME: the shadow server makes itself a new key and certificate, as a reinstalled PC would.
          shadowHome = join(root, `home-${shadowRuns + 1}`);
          await mkdir(shadowHome);
        }
        if (downMs > 0) await new Promise((resolve) => setTimeout(resolve, downMs));
        await startShadow();
      },
      watchRootInput: async () => {
        const xev = spawn('xev', ['-root', '-event', 'keyboard', '-event', 'button'], { env, stdio: ['ignore', 'pipe', 'ignore'] });
        children.push(xev);
        let printed = '';
        xev.stdout?.on('data', (chunk: Buffer) => (printed += chunk.toString()));
        // xev selects its events once it runs; a moment later the root window reports to it.
        await new Promise((resolve) => setTimeout(resolve, 300));
        return { presses: () => parseXevPresses(printed), stop: () => stopChild(xev) };
      },
      stopShadow: () => stopChild(shadow),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
};
