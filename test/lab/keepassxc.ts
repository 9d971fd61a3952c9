import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { XMLParser } from 'fast-xml-parser';
import { onPath, skipReasonOutsideCi, stopChild } from './peers';
import type { LabSessionBus } from './secret-service';

/**
 * KeePassXC's Secret Service on a lab session bus: a fresh database whose root group is exposed to Secret Service
 * (its FDO_SECRETS_EXPOSED_GROUP custom data, which only the GUI or an XML import can set), opened with --pw-stdin
 * on a private Xvfb display, with its access and delete confirmations on or off.
 */

const run = promisify(execFile);

export const KEEPASSXC_LAB_BINARIES = ['keepassxc', 'keepassxc-cli', 'Xvfb', 'xdotool'] as const;
export const KEEPASSXC_LAB_PACKAGES = ['keepassxc', 'xvfb', 'xdotool'] as const;
export const LAB_DATABASE_PASSWORD = 'scrivania-lab-database';

export const missingKeePassXc = (): string | undefined => {
  const missing = KEEPASSXC_LAB_BINARIES.filter((binary) => !onPath(binary));
  if (missing.length === 0) return undefined;
  return skipReasonOutsideCi(
    `lab peer keepassxc needs ${missing.join(', ')}: install the Debian packages ${KEEPASSXC_LAB_PACKAGES.join(' ')} (bash test/lab/system-packages.sh)`,
  );
};

export interface KeePassXcOptions {
  /** KeePassXC's default: every client asks the person before it reads an item ("Access Request" window). */
  confirmAccess: boolean;
  /** KeePassXC's default: deleting an item asks the person first. */
  confirmDelete: boolean;
}

/** One entry of the database as keepassxc-cli exports it. */
export interface LabEntry {
  title: string;
  group: string;
  password: string;
  attributes: Record<string, string>;
  /** Passwords of the entry's history, oldest first. */
  history: string[];
  attachments: number;
}

export interface LabKeePassXc {
  readonly databasePath: string;
  readonly display: string;
  /** Every entry, the Recycle Bin's included, read from the saved file with keepassxc-cli. */
  entries(): Promise<LabEntry[]>;
  /** The entries once `until` holds for them: KeePassXC saves a moment after each change. */
  entriesOnceSaved(until: (entries: LabEntry[]) => boolean, timeoutMs?: number): Promise<LabEntry[]>;
  /** The titles of KeePassXC's top-level windows on its display. */
  windows(): Promise<string[]>;
  /** Waits for a window whose title contains `title`, then presses `key` in it (xdotool). */
  answerWindow(title: string, key: string, timeoutMs?: number): Promise<void>;
  /** Locks the database through the Secret Service's own Lock. */
  lock(): Promise<void>;
  /** Types the database password into the focused unlock window. */
  typePassword(): Promise<void>;
  stop(): Promise<void>;
}

const settings = (options: KeePassXcOptions): string => `[General]
ConfigVersion=2
SingleInstance=false
RememberLastDatabases=false
OpenPreviousDatabasesOnStartup=false
AutoSaveAfterEveryChange=true
UpdateCheckMessageShown=true

[GUI]
ShowTrayIcon=false
CheckForUpdates=false

[FdoSecrets]
Enabled=true
ShowNotification=false
ConfirmAccessItem=${options.confirmAccess}
ConfirmDeleteItem=${options.confirmDelete}
`;

const uuidOfBase64 = (base64: string): string => {
  const hex = Buffer.from(base64, 'base64').toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
};

const cli = (args: string[], input: string, env: NodeJS.ProcessEnv): Promise<string> =>
  new Promise((resolve, reject) => {
    const child = execFile('keepassxc-cli', args, { env, timeout: 20_000, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) =>
      error ? reject(new Error(`keepassxc-cli ${args[0]} failed: ${stderr.trim() || error.message}`)) : resolve(stdout),
    );
    child.stdin?.end(input);
  });

/** A database whose root group is exposed to Secret Service: created empty, exported, given the custom data, imported. */
const createExposedDatabase = async (dir: string, env: NodeJS.ProcessEnv): Promise<string> => {
  const base = join(dir, 'base.kdbx');
  const database = join(dir, 'scrivania-lab.kdbx');
  const twice = `${LAB_DATABASE_PASSWORD}\n${LAB_DATABASE_PASSWORD}\n`;
  await cli(['db-create', '-q', '-p', base], twice, env);
  const xml = await cli(['export', '-q', '-f', 'xml', base], `${LAB_DATABASE_PASSWORD}\n`, env);
  const root = /<Root>\s*<Group>\s*<UUID>([^<]+)<\/UUID>/.exec(xml)?.[1];
  if (!root) throw new Error('keepassxc-cli exported no root group');
  const exposed = `<CustomData><Item><Key>FDO_SECRETS_EXPOSED_GROUP</Key><Value>{${uuidOfBase64(root)}}</Value></Item></CustomData>`;
  const withExposedGroup = xml.includes('<CustomData/>')
    ? xml.replace('<CustomData/>', exposed)
    : xml.replace('</Meta>', `${exposed}</Meta>`);
  await writeFile(join(dir, 'exposed.xml'), withExposedGroup);
  await cli(['import', '-q', '-p', join(dir, 'exposed.xml'), database], twice, env);
  return database;
};

/** Xvfb picks a free display itself and writes its number on the descriptor it is given. */
const startXvfb = (log: string): Promise<{ child: ChildProcess; display: string }> =>
  new Promise((resolve, reject) => {
    const child = spawn('Xvfb', ['-displayfd', '3', '-screen', '0', '1024x768x24', '-nolisten', 'tcp', '-noreset'], {
      stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
    });
    child.stderr?.pipe(createWriteStream(log));
    let text = '';
    const timer = setTimeout(() => reject(new Error('Xvfb printed no display number within 10 s')), 10_000);
    (child.stdio[3] as NodeJS.ReadableStream).on('data', (chunk: Buffer) => {
      text += chunk.toString();
      if (!text.includes('\n')) return;
      clearTimeout(timer);
      resolve({ child, display: `:${text.trim()}` });
    });
    child.once('exit', (code) => reject(new Error(`Xvfb exited with code ${code}`)));
  });

type XmlNode = Record<string, unknown>;
const list = (value: unknown): XmlNode[] => (value === undefined ? [] : Array.isArray(value) ? (value as XmlNode[]) : [value as XmlNode]);
const text = (value: unknown): string =>
  typeof value === 'object' && value !== null ? String((value as XmlNode)['#text'] ?? '') : value === undefined ? '' : String(value);
const stringsOf = (entry: XmlNode): Record<string, string> =>
  Object.fromEntries(list(entry['String']).map((pair) => [text(pair['Key']), text(pair['Value'])]));

const entryOf = (entry: XmlNode, group: string): LabEntry => {
  const { Title = '', Password = '', Notes: _notes, URL: _url, UserName: _user, ...attributes } = stringsOf(entry);
  return {
    title: Title,
    group,
    password: Password,
    attributes,
    history: list((entry['History'] as XmlNode | undefined)?.['Entry']).map((old) => stringsOf(old)['Password'] ?? ''),
    attachments: list(entry['Binary']).length,
  };
};

/** The entries of an exported database, each with the name of the group it is in. */
export const parseEntries = (xml: string): LabEntry[] => {
  const document = new XMLParser({ ignoreAttributes: false, parseTagValue: false, trimValues: false }).parse(xml) as XmlNode;
  const entries: LabEntry[] = [];
  const walk = (group: XmlNode): void => {
    for (const entry of list(group['Entry'])) entries.push(entryOf(entry, text(group['Name'])));
    for (const child of list(group['Group'])) walk(child);
  };
  for (const group of list(((document['KeePassFile'] as XmlNode)['Root'] as XmlNode)['Group'])) walk(group);
  return entries;
};

/** Starts KeePassXC on the lab bus with a new exposed database; the bus must have no other Secret Service. */
export const startKeePassXc = async (bus: LabSessionBus, options: KeePassXcOptions): Promise<LabKeePassXc> => {
  const dir = join(bus.root, 'keepassxc');
  await mkdir(join(bus.env['XDG_CONFIG_HOME'] ?? join(dir, 'config'), 'keepassxc'), { recursive: true });
  await writeFile(join(bus.env['XDG_CONFIG_HOME'] ?? '', 'keepassxc', 'keepassxc.ini'), settings(options));
  const baseEnv = { ...process.env, ...bus.env };
  await mkdir(dir, { recursive: true });
  const databasePath = await createExposedDatabase(dir, baseEnv);
  const xvfb = await startXvfb(join(dir, 'xvfb.log'));
  const env = { ...baseEnv, DISPLAY: xvfb.display, QT_QPA_PLATFORM: 'xcb' };
  const keepassxc = spawn('keepassxc', ['--pw-stdin', databasePath], { env, stdio: ['pipe', 'pipe', 'pipe'] });
  const log = createWriteStream(join(dir, 'keepassxc.log'));
  keepassxc.stdout?.pipe(log);
  keepassxc.stderr?.pipe(log);
  keepassxc.stdin?.end(`${LAB_DATABASE_PASSWORD}\n`);

  const stop = async (): Promise<void> => {
    await stopChild(keepassxc);
    await stopChild(xvfb.child);
  };
  const busCall = (dest: string, path: string, member: string, ...args: string[]) =>
    run('dbus-send', ['--session', '--print-reply', `--dest=${dest}`, path, member, ...args], { env, timeout: 2_000 });
  const isLocked = async (collection: string): Promise<boolean> => {
    const { stdout } = await busCall(
      'org.freedesktop.secrets',
      collection,
      'org.freedesktop.DBus.Properties.Get',
      'string:org.freedesktop.Secret.Collection',
      'string:Locked',
    );
    return !stdout.includes('boolean false');
  };
  try {
    const deadline = Date.now() + 20_000;
    for (;;) {
      if (keepassxc.exitCode !== null)
        throw new Error(`keepassxc exited with code ${keepassxc.exitCode}: ${await readFile(join(dir, 'keepassxc.log'), 'utf8')}`);
      const alias = await busCall(
        'org.freedesktop.secrets',
        '/org/freedesktop/secrets',
        'org.freedesktop.Secret.Service.ReadAlias',
        'string:default',
      ).then(
        ({ stdout }) => stdout,
        () => '',
      );
      const collection = /object path "(\/org\/freedesktop\/secrets\/collection\/[^"]+)"/.exec(alias)?.[1];
      // The collection appears before --pw-stdin's key derivation has unlocked it.
      if (collection && !(await isLocked(collection))) break;
      if (Date.now() > deadline) throw new Error('KeePassXC exposed no unlocked collection on the lab bus within 20 s');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } catch (error) {
    await stop();
    throw error;
  }

  const windows = async (): Promise<string[]> => {
    const { stdout } = await run('xdotool', ['search', '--onlyvisible', '--name', '.'], { env, timeout: 5_000 }).catch(() => ({
      stdout: '',
    }));
    const names: string[] = [];
    for (const id of stdout.split('\n').filter(Boolean)) {
      const { stdout: name } = await run('xdotool', ['getwindowname', id], { env, timeout: 5_000 }).catch(() => ({ stdout: '' }));
      if (name.trim()) names.push(name.trim());
    }
    return names;
  };

  const entries = async (): Promise<LabEntry[]> =>
    parseEntries(await cli(['export', '-q', '-f', 'xml', databasePath], `${LAB_DATABASE_PASSWORD}\n`, baseEnv));

  /** No window manager runs on the lab display: the window is focused, then typed into through XTEST. */
  const focusWindow = async (title: string, timeoutMs: number): Promise<void> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const { stdout } = await run('xdotool', ['search', '--onlyvisible', '--name', title], { env, timeout: 5_000 }).catch(() => ({
        stdout: '',
      }));
      // The newest one: KeePassXC leaves a window open after its prompt was dismissed over D-Bus.
      const id = stdout.split('\n').filter(Boolean).at(-1);
      if (id) {
        await run('xdotool', ['windowfocus', '--sync', id], { env, timeout: 5_000 });
        return;
      }
      if (Date.now() > deadline)
        throw new Error(`no window titled "${title}" within ${timeoutMs / 1000} s; open: ${(await windows()).join(', ')}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };

  return {
    databasePath,
    display: xvfb.display,
    entries,
    entriesOnceSaved: async (until, timeoutMs = 5_000) => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = await entries();
        if (until(found)) return found;
        if (Date.now() > deadline)
          throw new Error(`the saved database did not change as expected within ${timeoutMs / 1000} s: ${JSON.stringify(found)}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
    windows,
    answerWindow: async (title, key, timeoutMs = 10_000) => {
      await focusWindow(title, timeoutMs);
      await run('xdotool', ['key', key], { env, timeout: 5_000 });
    },
    lock: async () => {
      // The Secret Service's own Lock is refused for a lab client; KeePassXC's window interface is not.
      await busCall('org.keepassxc.KeePassXC.MainWindow', '/keepassxc', 'org.keepassxc.KeePassXC.MainWindow.lockAllDatabases');
      const { stdout } = await busCall(
        'org.freedesktop.secrets',
        '/org/freedesktop/secrets',
        'org.freedesktop.Secret.Service.ReadAlias',
        'string:default',
      );
      const collection = /object path "([^"]+)"/.exec(stdout)?.[1] ?? '';
      const deadline = Date.now() + 5_000;
      for (;;) {
        if (await isLocked(collection)) return;
        if (Date.now() > deadline) throw new Error(`KeePassXC did not lock ${collection} within 5 s`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
    typePassword: async () => {
      await focusWindow('Unlock', 10_000);
      await run('xdotool', ['type', '--delay', '10', LAB_DATABASE_PASSWORD], { env, timeout: 10_000 });
      await run('xdotool', ['key', 'Return'], { env, timeout: 5_000 });
    },
    stop,
  };
};
