import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';
import { onPath, skipReasonOutsideCi, stopChild } from './peers';

const run = promisify(execFile);

/** The password that unlocks the lab's login keyring. */
export const LAB_KEYRING_PASSWORD = 'scrivania-lab-keyring';

/** The real programs each lab peer needs, and the Debian packages that ship them. */
const labPeers = {
  'secret-service': {
    binaries: ['dbus-daemon', 'dbus-send', 'gnome-keyring-daemon', 'secret-tool'],
    packages: ['dbus', 'gnome-keyring', 'libsecret-tools'],
  },
} as const;
export type LabPeerName = keyof typeof labPeers;

/**
 * Why the peer's tests cannot run, or undefined when they can. In CI a missing peer is a failure, never a skip:
 * this throws, which fails the test file with the message.
 */
export const missingPeer = (name: LabPeerName): string | undefined => {
  const peer = labPeers[name];
  const missing = peer.binaries.filter((binary) => !onPath(binary));
  if (missing.length === 0) return undefined;
  const reason = `lab peer ${name} needs ${missing.join(', ')}: install the Debian packages ${peer.packages.join(' ')} (bash test/lab/system-packages.sh)`;
  return skipReasonOutsideCi(reason);
};

/** A private session bus that activates nothing by itself: the lab decides what answers on it. */
const busConfig = (root: string): string => `<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:dir=${root}</listen>
  <auth>EXTERNAL</auth>
  <servicedir>${join(root, 'services')}</servicedir>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
`;

export interface LabSessionBus {
  /**
   * DBUS_SESSION_BUS_ADDRESS, HOME, XDG_RUNTIME_DIR and the XDG data, config and cache dirs, all inside `root`.
   * Set them on process.env before the process's first keychain call: libdbus reads the bus address once per
   * process and keeps it, so a later change is ignored.
   */
  readonly env: Record<string, string>;
  /** The temporary directory holding the bus socket, HOME and the runtime dir; removed by stop(). */
  readonly root: string;
  /** gnome-keyring-daemon's Secret Service on this bus, with a login keyring unlocked by LAB_KEYRING_PASSWORD. */
  startSecretService(): Promise<void>;
  stopSecretService(): Promise<void>;
  /**
   * Makes org.freedesktop.secrets activatable by a program that never claims it, as a wedged keyring does:
   * a client's calls stay unanswered until its own D-Bus timeout.
   */
  offerUnresponsiveSecretService(): Promise<void>;
  /** Locks gnome-keyring's login keyring, as the screen lock or a fresh login without auto-unlock leaves it. */
  lockLoginKeyring(): Promise<void>;
  /** Unlocks it with LAB_KEYRING_PASSWORD as its own unlock window would (gnome-keyring's internal interface). */
  unlockLoginKeyring(): Promise<void>;
  withdrawUnresponsiveSecretService(): Promise<void>;
  stop(): Promise<void>;
}

const firstLine = (child: ChildProcess, what: string, timeoutMs = 5_000): Promise<string> =>
  new Promise((resolve, reject) => {
    if (!child.stdout) return reject(new Error(`${what}: no stdout`));
    const lines = createInterface({ input: child.stdout });
    const timer = setTimeout(() => reject(new Error(`${what} printed nothing within ${timeoutMs / 1000} s`)), timeoutMs);
    lines.once('line', (line) => {
      clearTimeout(timer);
      resolve(line.trim());
    });
    child.once('exit', (code) => reject(new Error(`${what} exited with code ${code} before it was ready`)));
    child.once('error', reject);
  });

/** Starts a private dbus-daemon in a fresh temporary HOME; nothing answers as the Secret Service yet. */
export const startSessionBus = async (): Promise<LabSessionBus> => {
  const root = await mkdtemp(join(tmpdir(), 'scrivania-keychain-'));
  const home = join(root, 'home');
  const runtime = join(root, 'run');
  await mkdir(join(home, '.local', 'share', 'keyrings'), { recursive: true });
  await mkdir(runtime);
  await chmod(runtime, 0o700);
  await mkdir(join(root, 'services'));
  await writeFile(join(root, 'bus.conf'), busConfig(root));

  const bus = spawn('dbus-daemon', [`--config-file=${join(root, 'bus.conf')}`, '--nofork', '--print-address=1'], {
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  let address: string;
  try {
    address = await firstLine(bus, 'dbus-daemon');
  } catch (error) {
    await stopChild(bus);
    await rm(root, { recursive: true, force: true });
    throw error;
  }
  const env: Record<string, string> = {
    DBUS_SESSION_BUS_ADDRESS: address,
    HOME: home,
    XDG_RUNTIME_DIR: runtime,
    XDG_DATA_HOME: join(home, '.local', 'share'),
    XDG_CONFIG_HOME: join(home, '.config'),
    XDG_CACHE_HOME: join(home, '.cache'),
  };
  const childEnv = { ...process.env, ...env };
  const unresponsiveService = join(root, 'services', 'org.freedesktop.secrets.service');
  let keyring: ChildProcess | undefined;

  const callBus = (method: string, ...args: string[]) =>
    run(
      'dbus-send',
      ['--session', '--print-reply', '--dest=org.freedesktop.DBus', '/org/freedesktop/DBus', `org.freedesktop.DBus.${method}`, ...args],
      { env: childEnv, timeout: 2_000 },
    );

  const secretServiceIsOnTheBus = async (): Promise<boolean> =>
    (await callBus('NameHasOwner', 'string:org.freedesktop.secrets')).stdout.includes('boolean true');

  const startSecretService = async (): Promise<void> => {
    if (keyring) return;
    // --foreground keeps the daemon our child, so stop() can end it; --unlock reads the password from stdin.
    keyring = spawn('gnome-keyring-daemon', ['--foreground', '--unlock', '--components=secrets'], {
      env: childEnv,
      stdio: ['pipe', 'ignore', 'ignore'],
    });
    keyring.stdin?.end(LAB_KEYRING_PASSWORD);
    const deadline = Date.now() + 5_000;
    while (!(await secretServiceIsOnTheBus())) {
      if (keyring.exitCode !== null) throw new Error(`gnome-keyring-daemon exited with code ${keyring.exitCode}`);
      if (Date.now() > deadline) throw new Error('gnome-keyring-daemon did not claim org.freedesktop.secrets within 5 s');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };

  const stopSecretService = async (): Promise<void> => {
    await stopChild(keyring);
    keyring = undefined;
  };

  return {
    env,
    root,
    startSecretService,
    stopSecretService,
    offerUnresponsiveSecretService: async () => {
      // sleep never claims the name and exits by itself, so nothing outlives the lab for long.
      await writeFile(unresponsiveService, '[D-BUS Service]\nName=org.freedesktop.secrets\nExec=/bin/sleep 4\n');
      await callBus('ReloadConfig');
    },
    lockLoginKeyring: async () => {
      await run(
        'dbus-send',
        [
          '--session',
          '--print-reply',
          '--dest=org.freedesktop.secrets',
          '/org/freedesktop/secrets',
          'org.freedesktop.Secret.Service.Lock',
          `array:objpath:${LOGIN}`,
        ],
        { env: childEnv, timeout: 2_000 },
      );
    },
    unlockLoginKeyring: () => unlockWithMasterPassword(env['DBUS_SESSION_BUS_ADDRESS'] ?? '', LAB_KEYRING_PASSWORD),
    withdrawUnresponsiveSecretService: async () => {
      await rm(unresponsiveService, { force: true });
      await callBus('ReloadConfig');
    },
    stop: async () => {
      await stopSecretService();
      await stopChild(bus);
      await rm(root, { recursive: true, force: true });
    },
  };
};

const LOGIN = '/org/freedesktop/secrets/collection/login';

interface LabBus {
  invoke(message: Record<string, unknown>, callback: (error: unknown, ...body: unknown[]) => void): void;
  connection: { stream: { destroy(): void } };
}

type SecretCall = (path: string, iface: string, member: string, signature?: string, body?: unknown[]) => Promise<unknown[]>;

/** A plain Secret Service session of the lab's own, for what libsecret's tool cannot show. */
const withSecretSession = async <T>(address: string, work: (call: SecretCall, session: string) => Promise<T>): Promise<T> => {
  const dbus = createRequire(import.meta.url)('@homebridge/dbus-native') as { sessionBus(options: { busAddress: string }): LabBus };
  const bus = dbus.sessionBus({ busAddress: address });
  const call: SecretCall = (path, iface, member, signature, body) =>
    new Promise<unknown[]>((resolve, reject) =>
      bus.invoke(
        { destination: 'org.freedesktop.secrets', path, interface: iface, member, ...(signature ? { signature, body } : {}) },
        (error, ...reply) => (error ? reject(new Error(`${member}: ${JSON.stringify(error)}`)) : resolve(reply)),
      ),
    );
  try {
    const [, session] = (await call(SERVICE_PATH, 'org.freedesktop.Secret.Service', 'OpenSession', 'sv', ['plain', ['s', '']])) as [
      unknown,
      string,
    ];
    return await work(call, session);
  } finally {
    bus.connection.stream.destroy();
  }
};

const SERVICE_PATH = '/org/freedesktop/secrets';

/** gnome-keyring's UnlockWithMasterPassword: what its prompter does once the person typed the password. */
const unlockWithMasterPassword = (address: string, password: string): Promise<void> =>
  withSecretSession(address, async (call, session) => {
    await call(SERVICE_PATH, 'org.gnome.keyring.InternalUnsupportedGuiltRiddenInterface', 'UnlockWithMasterPassword', 'o(oayays)', [
      LOGIN,
      [session, Buffer.alloc(0), Buffer.from(password), 'text/plain'],
    ]);
  });

/** The content type the Secret Service holds for Scrivania's item of this account. */
export const secretContentType = (env: Record<string, string>, account: string): Promise<string> =>
  withSecretSession(env['DBUS_SESSION_BUS_ADDRESS'] ?? '', async (call, session) => {
    const [unlocked] = (await call(SERVICE_PATH, 'org.freedesktop.Secret.Service', 'SearchItems', 'a{ss}', [
      [
        ['service', 'Scrivania'],
        ['username', account],
      ],
    ])) as [string[]];
    const item = unlocked[0];
    if (!item) throw new Error(`no unlocked item for ${account}`);
    const [secret] = (await call(item, 'org.freedesktop.Secret.Item', 'GetSecret', 'o', [session])) as [[string, Buffer, Buffer, string]];
    return secret[3];
  });

/** A private session bus with gnome-keyring's Secret Service on it, unlocked. */
export const startSecretService = async (): Promise<{
  env: Record<string, string>;
  /** Ends the keychain daemon (the bus stays) and starts it again on the same keyring files. */
  stopDaemon(): Promise<void>;
  startDaemon(): Promise<void>;
  stop(): Promise<void>;
}> => {
  const bus = await startSessionBus();
  try {
    await bus.startSecretService();
  } catch (error) {
    await bus.stop();
    throw error;
  }
  return { env: bus.env, stopDaemon: () => bus.stopSecretService(), startDaemon: () => bus.startSecretService(), stop: () => bus.stop() };
};

/** The secret stored under service/username, read back with libsecret's own tool; null when there is none. */
export const secretToolLookup = async (env: Record<string, string>, attributes: Record<string, string>): Promise<string | null> => {
  const args = ['lookup', ...Object.entries(attributes).flat()];
  try {
    const { stdout } = await run('secret-tool', args, { env: { ...process.env, ...env }, timeout: 5_000 });
    return stdout;
  } catch (error) {
    // secret-tool lookup exits 1 with no output when nothing matches.
    if ((error as { code?: unknown }).code === 1) return null;
    throw error;
  }
};

/** How many items secret-tool finds with all these attributes. */
export const secretToolCount = async (env: Record<string, string>, attributes: Record<string, string>): Promise<number> => {
  const { stdout, stderr } = await run('secret-tool', ['search', '--all', ...Object.entries(attributes).flat()], {
    env: { ...process.env, ...env },
    timeout: 5_000,
  });
  // Each item's attributes are listed on their own lines; some versions print them on stderr.
  return `${stdout}\n${stderr}`.split('\n').filter((line) => line.startsWith('label = ')).length;
};
