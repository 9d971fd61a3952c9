import { createRequire } from 'node:module';
import { readFile } from 'node:fs/promises';
import type { KeychainPrompt } from '../../../common/contract/credentials';
import type { KeychainAccess, KeychainState } from './keychain-worker';
import { sessionBusAddress } from './session-bus';

/**
 * The freedesktop Secret Service (GNOME Keyring, KeePassXC, KWallet) spoken to directly over D-Bus, in plain
 * JavaScript: nothing can block a thread, a locked store and a refused request are told apart from a missing one,
 * secrets are stored as text/plain (KeePassXC then shows them as the entry's password), and a prompt the call opened
 * (unlock, KeePassXC's access request) is waited for as long as the person needs, or until cancelled.
 */

const SECRETS = 'org.freedesktop.secrets';
const SERVICE_PATH = '/org/freedesktop/secrets';
const SERVICE = 'org.freedesktop.Secret.Service';
const COLLECTION = 'org.freedesktop.Secret.Collection';
const ITEM = 'org.freedesktop.Secret.Item';
const PROMPT = 'org.freedesktop.Secret.Prompt';
const PROPERTIES = 'org.freedesktop.DBus.Properties';
const NO_OBJECT = '/';
const PROMPT_SHOWN_AFTER_MS = 300;

/** Why the Secret Service could not do what was asked. */
export type SecretServiceProblem =
  /** Nothing owns org.freedesktop.secrets, or the bus itself is missing or silent. */
  | 'absent'
  /** A Secret Service answers but offers no default collection (KeePassXC with no database shared with it). */
  | 'no-collection'
  /** The collection stayed locked: its unlock window was closed or cancelled. */
  | 'locked'
  /** The store refused Scrivania access to the item (KeePassXC's access request denied or cancelled). */
  | 'refused'
  | 'failed';

export class SecretServiceError extends Error {
  override readonly name = 'SecretServiceError';
  constructor(
    readonly problem: SecretServiceProblem,
    message: string,
  ) {
    super(message);
  }
}

export type { KeychainPrompt };

export interface SecretServiceOptions {
  /** The session bus address is looked up in here at each connection, so a bus that appears later is found. */
  env?: NodeJS.ProcessEnv;
  /** Told when a call starts and stops waiting for the person in a keychain window. */
  onPrompt?: (prompt: KeychainPrompt | null) => void;
  /** How long a prompt may stay open before the call gives up. */
  promptTimeoutMs?: number;
}

/** The part of @homebridge/dbus-native used here. */
interface DbusMessage {
  destination: string;
  path: string;
  interface: string;
  member: string;
  signature?: string;
  body?: unknown[];
}
interface DbusBus {
  invoke(message: DbusMessage, callback: (error: { name?: string; message?: string } | null, ...body: unknown[]) => void): void;
  addMatch(rule: string, callback?: (error: unknown) => void): void;
  removeMatch(rule: string, callback?: (error: unknown) => void): void;
  signals: {
    on(key: string, listener: (body: unknown[]) => void): void;
    removeListener(key: string, listener: (body: unknown[]) => void): void;
  };
  mangle(path: string, iface: string, member: string): string;
  connection: { on(event: 'error' | 'end', listener: (error?: Error) => void): void; stream: { destroy(): void; unref?(): void } };
}
interface DbusNative {
  sessionBus(options: { busAddress: string }): DbusBus;
}

/** A D-Bus variant as dbus-native hands it back: [signature, [value]]. */
const variantValue = (variant: unknown): unknown => (Array.isArray(variant) && Array.isArray(variant[1]) ? variant[1][0] : variant);

const attributesOf = (service: string, account: string): [string, string][] => [
  ['service', service],
  ['username', account],
];

interface Connection {
  bus: DbusBus;
  session: string;
  closed: boolean;
}

export class SecretServiceClient implements KeychainAccess {
  private readonly env: NodeJS.ProcessEnv;
  private readonly promptTimeoutMs: number;
  private connection: Promise<Connection> | undefined;
  private current: Connection | undefined;
  private readonly cancels = new Set<() => void>();
  /** Calls run one at a time, so two calls finding the store locked do not open two unlock windows. */
  private tail: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly service: string,
    private readonly options: SecretServiceOptions = {},
  ) {
    this.env = options.env ?? process.env;
    this.promptTimeoutMs = options.promptTimeoutMs ?? 10 * 60_000;
  }

  /** Looks without writing anything: is the service there, does it have a default collection, is it locked? */
  async state(timeoutMs: number): Promise<KeychainState> {
    try {
      return await this.stateNow(timeoutMs);
    } catch (error) {
      return this.dropAfter(error);
    }
  }

  private async stateNow(timeoutMs: number): Promise<KeychainState> {
    try {
      const { bus } = await this.connect(timeoutMs);
      const collection = await this.defaultCollection(bus, timeoutMs);
      const locked = variantValue(await this.call(bus, timeoutMs, collection, PROPERTIES, 'Get', 'ss', [COLLECTION, 'Locked']));
      return { ready: true, locked: locked === true, keepsDeleted: await this.isKeePassXc(bus, timeoutMs) };
    } catch (error) {
      if (error instanceof SecretServiceError && (error.problem === 'absent' || error.problem === 'no-collection'))
        return { ready: false, problem: error.problem, detail: error.message };
      throw error;
    }
  }

  read(account: string, timeoutMs: number): Promise<string | null> {
    return this.serialised(() => this.readNow(account, timeoutMs));
  }

  write(account: string, secret: string, timeoutMs: number): Promise<void> {
    return this.serialised(() => this.writeNow(account, secret, timeoutMs));
  }

  remove(account: string, timeoutMs: number): Promise<boolean> {
    return this.serialised(() => this.removeNow(account, timeoutMs));
  }

  private serialised<T>(work: () => Promise<T>): Promise<T> {
    const result = this.tail.then(work, work).catch((error: unknown) => this.dropAfter(error));
    this.tail = result.catch(() => undefined);
    return result;
  }

  private async readNow(account: string, timeoutMs: number): Promise<string | null> {
    const { bus, session } = await this.connect(timeoutMs);
    const [item] = await this.findItems(bus, account, timeoutMs);
    if (!item) return null;
    const secret = (await this.withAccess(bus, item, timeoutMs, () =>
      this.call(bus, timeoutMs, item, ITEM, 'GetSecret', 'o', [session]),
    )) as [string, Buffer, Buffer, string];
    return Buffer.from(secret[2]).toString('utf8');
  }

  private async writeNow(account: string, secret: string, timeoutMs: number): Promise<void> {
    const { bus, session } = await this.connect(timeoutMs);
    const value = this.secretStruct(session, secret);
    const [item] = await this.findItems(bus, account, timeoutMs);
    if (item) {
      await this.withAccess(bus, item, timeoutMs, () => this.call(bus, timeoutMs, item, ITEM, 'SetSecret', '(oayays)', [value]));
      return;
    }
    const collection = await this.unlockedCollection(bus, timeoutMs);
    const properties = [
      [`${ITEM}.Label`, ['s', `${this.service} ${account}`]],
      [`${ITEM}.Attributes`, ['a{ss}', attributesOf(this.service, account)]],
    ];
    const [, prompt] = (await this.call(bus, timeoutMs, collection, COLLECTION, 'CreateItem', 'a{sv}(oayays)b', [
      properties,
      value,
      true,
    ])) as [string, string];
    if (prompt !== NO_OBJECT) await this.prompt(bus, prompt, 'access', timeoutMs);
  }

  /**
   * Overwrites each matching item's secret with nothing before deleting it, so a store that keeps deleted items
   * (KeePassXC's Recycle Bin) keeps it emptied. KeePassXC still keeps earlier values in the entry's history,
   * which no Secret Service call can reach: Help tells the person to empty the Recycle Bin.
   */
  private async removeNow(account: string, timeoutMs: number): Promise<boolean> {
    const { bus, session } = await this.connect(timeoutMs);
    const items = await this.findItems(bus, account, timeoutMs);
    for (const item of items) {
      await this.withAccess(bus, item, timeoutMs, () =>
        this.call(bus, timeoutMs, item, ITEM, 'SetSecret', '(oayays)', [this.secretStruct(session, '')]),
      );
      const prompt = (await this.call(bus, timeoutMs, item, ITEM, 'Delete')) as string;
      if (prompt !== NO_OBJECT) await this.prompt(bus, prompt, 'access', timeoutMs);
    }
    return items.length > 0;
  }

  /** Dismisses every prompt a call is waiting on; those calls fail as locked or refused. */
  cancelPrompts(): boolean {
    const cancels = [...this.cancels];
    for (const cancel of cancels) cancel();
    return cancels.length > 0;
  }

  /**
   * After a failure other than the person's answer, the next call connects afresh: a keyring that was restarted has
   * forgotten the old session, and one that went away is then looked for again.
   */
  private dropAfter(error: unknown): never {
    if (!(error instanceof SecretServiceError && (error.problem === 'locked' || error.problem === 'refused'))) {
      const connection = this.current;
      this.current = undefined;
      this.connection = undefined;
      if (connection) close(connection);
    }
    throw error;
  }

  async dispose(): Promise<void> {
    this.cancelPrompts();
    const connection = this.connection;
    this.connection = undefined;
    this.current = undefined;
    void connection?.then(close, () => undefined);
  }

  private secretStruct(session: string, secret: string): [string, Buffer, Buffer, string] {
    return [session, Buffer.alloc(0), Buffer.from(secret, 'utf8'), 'text/plain'];
  }

  /** One connection and one plain session for every call: KeePassXC asks the person once per client, not per call. */
  private connect(timeoutMs: number): Promise<Connection> {
    this.connection ??= this.open(timeoutMs).catch((error: unknown) => {
      this.connection = undefined;
      throw error;
    });
    return this.connection;
  }

  private async open(timeoutMs: number): Promise<Connection> {
    const address = sessionBusAddress(this.env);
    if (!address) throw new SecretServiceError('absent', 'there is no D-Bus session bus (DBUS_SESSION_BUS_ADDRESS is not set)');
    const dbus = createRequire(import.meta.url)('@homebridge/dbus-native') as DbusNative;
    let bus: DbusBus;
    try {
      bus = dbus.sessionBus({ busAddress: address });
    } catch (error) {
      throw new SecretServiceError('absent', `the D-Bus session bus cannot be reached (${messageOf(error)})`);
    }
    const connection: Connection = { bus, session: '', closed: false };
    let failed: (error: Error) => void = () => undefined;
    const lost = new Promise<never>((_resolve, reject) => (failed = reject));
    lost.catch(() => undefined);
    const end = (error?: Error): void => {
      if (connection.closed) return;
      close(connection);
      if (this.current === connection) {
        this.current = undefined;
        this.connection = undefined;
      }
      failed(new SecretServiceError('absent', `the D-Bus session bus went away${error ? ` (${error.message})` : ''}`));
    };
    bus.connection.on('error', end);
    bus.connection.on('end', () => end());
    bus.connection.stream.unref?.();
    try {
      const setUp = async (): Promise<void> => {
        const dbusCall = (member: string, signature?: string, body?: unknown[]) =>
          this.call(bus, timeoutMs, '/org/freedesktop/DBus', 'org.freedesktop.DBus', member, signature, body, 'org.freedesktop.DBus');
        if ((await dbusCall('NameHasOwner', 's', [SECRETS])) !== true) {
          // A keyring started on demand (a D-Bus service file) owns the name only once something asks for it.
          const activatable = (await dbusCall('ListActivatableNames')) as string[];
          if (!activatable.includes(SECRETS)) throw new SecretServiceError('absent', `nothing answers as ${SECRETS} on the session bus`);
          await dbusCall('StartServiceByName', 'su', [SECRETS, 0]);
        }
        const [, session] = (await this.call(bus, timeoutMs, SERVICE_PATH, SERVICE, 'OpenSession', 'sv', ['plain', ['s', '']])) as [
          unknown,
          string,
        ];
        connection.session = session;
      };
      await Promise.race([setUp(), lost]);
    } catch (error) {
      close(connection);
      throw error instanceof SecretServiceError ? error : new SecretServiceError('absent', messageOf(error));
    }
    this.current = connection;
    return connection;
  }

  /** KeePassXC moves deleted entries to its Recycle Bin and keeps earlier values in their history. */
  private async isKeePassXc(bus: DbusBus, timeoutMs: number): Promise<boolean> {
    try {
      const pid = await this.call(
        bus,
        timeoutMs,
        '/org/freedesktop/DBus',
        'org.freedesktop.DBus',
        'GetConnectionUnixProcessID',
        's',
        [SECRETS],
        'org.freedesktop.DBus',
      );
      return (await readFile(`/proc/${String(pid)}/comm`, 'utf8')).trim() === 'keepassxc';
    } catch {
      return false;
    }
  }

  private async defaultCollection(bus: DbusBus, timeoutMs: number): Promise<string> {
    const path = (await this.call(bus, timeoutMs, SERVICE_PATH, SERVICE, 'ReadAlias', 's', ['default'])) as string;
    if (path === NO_OBJECT)
      throw new SecretServiceError(
        'no-collection',
        'the Secret Service has no default collection (in KeePassXC: no database shared with it)',
      );
    return path;
  }

  private async unlockedCollection(bus: DbusBus, timeoutMs: number): Promise<string> {
    const collection = await this.defaultCollection(bus, timeoutMs);
    const locked = variantValue(await this.call(bus, timeoutMs, collection, PROPERTIES, 'Get', 'ss', [COLLECTION, 'Locked']));
    if (locked === true) await this.unlock(bus, [collection], 'unlock', timeoutMs);
    return collection;
  }

  /** Items of this service and account, in every collection; unlocks the default collection first when it is locked. */
  private async findItems(bus: DbusBus, account: string, timeoutMs: number): Promise<string[]> {
    await this.unlockedCollection(bus, timeoutMs);
    const [unlocked, locked] = (await this.call(bus, timeoutMs, SERVICE_PATH, SERVICE, 'SearchItems', 'a{ss}', [
      attributesOf(this.service, account),
    ])) as [string[], string[]];
    return [...unlocked, ...locked];
  }

  /** Runs the item call; a store that answers IsLocked (KeePassXC asking the person) gets its prompt first. */
  private async withAccess(bus: DbusBus, item: string, timeoutMs: number, work: () => Promise<unknown>): Promise<unknown> {
    try {
      return await work();
    } catch (error) {
      if (!(error instanceof DbusCallError) || error.dbusName !== 'org.freedesktop.Secret.Error.IsLocked') throw error;
    }
    await this.unlock(bus, [item], 'access', timeoutMs);
    return work();
  }

  private async unlock(bus: DbusBus, objects: string[], kind: KeychainPrompt, timeoutMs: number): Promise<void> {
    const [, prompt] = (await this.call(bus, timeoutMs, SERVICE_PATH, SERVICE, 'Unlock', 'ao', [objects])) as [string[], string];
    if (prompt !== NO_OBJECT) await this.prompt(bus, prompt, kind, timeoutMs);
  }

  /** Shows the store's prompt and waits for the person's answer, as long as promptTimeoutMs, or until cancelled. */
  private async prompt(bus: DbusBus, prompt: string, kind: KeychainPrompt, timeoutMs: number): Promise<void> {
    const rule = `type='signal',interface='${PROMPT}',member='Completed',path='${prompt}'`;
    const key = bus.mangle(prompt, PROMPT, 'Completed');
    const refusal = kind === 'unlock' ? 'locked' : 'refused';
    let listener: ((body: unknown[]) => void) | undefined;
    let cancel: ((why?: string) => void) | undefined;
    let timer: NodeJS.Timeout | undefined;
    const answered = new Promise<void>((resolve, reject) => {
      listener = (body) => {
        if (body[0] === true)
          reject(
            new SecretServiceError(
              refusal,
              `the keychain's ${kind} window was closed without ${kind === 'unlock' ? 'unlocking' : 'allowing access'}`,
            ),
          );
        else resolve();
      };
      cancel = (why = 'was cancelled in Scrivania') => {
        bus.invoke({ destination: SECRETS, path: prompt, interface: PROMPT, member: 'Dismiss' }, () => undefined);
        reject(new SecretServiceError(refusal, `the ${kind} request ${why}`));
      };
      // Unreferenced: a command-line check that gave up on the person must still be able to exit.
      timer = setTimeout(() => cancel?.(`got no answer within ${duration(this.promptTimeoutMs)}`), this.promptTimeoutMs).unref();
    });
    bus.signals.on(key, listener!);
    this.cancels.add(cancel!);
    // Most prompts complete by themselves at once (KeePassXC's creation prompt): only one still open is shown.
    const shown = setTimeout(() => this.options.onPrompt?.(kind), PROMPT_SHOWN_AFTER_MS);
    try {
      await new Promise<void>((resolve, reject) =>
        bus.addMatch(rule, (error) => (error ? reject(new Error(messageOf(error))) : resolve())),
      );
      await this.call(bus, timeoutMs, prompt, PROMPT, 'Prompt', 's', ['']);
      await answered;
    } finally {
      clearTimeout(timer);
      clearTimeout(shown);
      this.cancels.delete(cancel!);
      bus.signals.removeListener(key, listener!);
      bus.removeMatch(rule, () => undefined);
      if (this.cancels.size === 0) this.options.onPrompt?.(null);
    }
  }

  private call(
    bus: DbusBus,
    timeoutMs: number,
    path: string,
    iface: string,
    member: string,
    signature?: string,
    body?: unknown[],
    destination = SECRETS,
  ): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new SecretServiceError('absent', `${destination} did not answer ${member} within ${timeoutMs / 1000} s`)),
        timeoutMs,
      );
      const message: DbusMessage = { destination, path, interface: iface, member };
      if (signature) Object.assign(message, { signature, body });
      bus.invoke(message, (error, ...reply) => {
        clearTimeout(timer);
        if (error) reject(new DbusCallError(member, error));
        else resolve(reply.length > 1 ? reply : reply[0]);
      });
    });
  }
}

const duration = (ms: number): string => (ms >= 60_000 ? `${ms / 60_000} min` : `${ms / 1000} s`);

/** A method call the Secret Service answered with a D-Bus error. */
class DbusCallError extends Error {
  readonly dbusName: string;
  constructor(member: string, error: { name?: string; message?: string }) {
    super(`${member} failed: ${error.name ?? 'error'}${error.message ? ` (${error.message})` : ''}`);
    this.dbusName = error.name ?? '';
  }
}

const close = (connection: Connection): void => {
  connection.closed = true;
  connection.bus.connection.stream.destroy();
};

const messageOf = (error: unknown): string =>
  error instanceof Error ? error.message : typeof error === 'object' && error && 'message' in error ? String(error.message) : String(error);
