import { connect, type Socket } from 'node:net';
import { PASSWORD_PROMPT, parseManagementLine, type ManagementLine } from './openvpn-management-parser';

export interface ManagementConnectionOptions {
  host: string;
  port: number;
  /** For connecting, the password exchange and each command. */
  timeoutMs: number;
  /** The management password, asked for only when OpenVPN prompts for one. */
  password?: () => Promise<string | undefined>;
  /** Real-time notifications, from the greeting on (a >HOLD: may follow the greeting in the same packet). */
  onNotification(line: ManagementLine): void;
  /** Once, when an open connection ends. */
  onClosed(reason: string): void;
}

export class ManagementError extends Error {
  override readonly name = 'ManagementError';
  constructor(
    message: string,
    readonly kind: 'unreachable' | 'password' | 'timeout' | 'closed' | 'refused',
  ) {
    super(message);
  }
}

interface PendingCommand {
  command: string;
  multiline: boolean;
  lines: string[];
  timer: NodeJS.Timeout;
  resolve(lines: string[]): void;
  reject(error: Error): void;
}

type Phase = 'greeting' | 'password' | 'ready' | 'closed';

/**
 * One TCP connection to OpenVPN's management interface: the greeting (with the password when asked), commands
 * answered in order, and real-time notifications as events. OpenVPN serves one management client at a time.
 */
export class ManagementConnection {
  private buffer = '';
  private phase: Phase = 'greeting';
  private readonly pending: PendingCommand[] = [];
  private ready?: { resolve(): void; reject(error: Error): void };

  private constructor(
    private readonly socket: Socket,
    private readonly options: ManagementConnectionOptions,
  ) {}

  /** Resolves once OpenVPN greeted (and accepted the password); rejects with a one-line ManagementError. */
  static open(options: ManagementConnectionOptions): Promise<ManagementConnection> {
    const socket = connect({ host: options.host, port: options.port });
    const connection = new ManagementConnection(socket, options);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => fail(new ManagementError(`no greeting within ${options.timeoutMs / 1000} s`, 'timeout')),
        options.timeoutMs,
      );
      const fail = (error: Error): void => {
        clearTimeout(timer);
        connection.shutdown(error.message);
        reject(error);
      };
      connection.ready = {
        resolve: () => {
          clearTimeout(timer);
          resolve(connection);
        },
        reject: fail,
      };
      socket.setEncoding('utf8');
      socket.on('data', (chunk: string) => connection.receive(chunk));
      socket.on('error', (error: NodeJS.ErrnoException) => {
        const kind = error.code === 'ECONNREFUSED' ? 'refused' : 'unreachable';
        const failure = new ManagementError(error.code ?? error.message, kind);
        if (connection.phase === 'ready') connection.shutdown(failure.message);
        else fail(failure);
      });
      socket.on('close', () => {
        if (connection.phase === 'ready') connection.shutdown('OpenVPN closed the management connection');
        else fail(new ManagementError('OpenVPN closed the management connection', 'closed'));
      });
    });
  }

  /** A command answered by one `SUCCESS:` line; rejects on `ERROR:`. */
  async command(command: string): Promise<string> {
    const [line = ''] = await this.send(command, false);
    return line;
  }

  /** A command answered by data lines closed by `END`, such as `state`. */
  query(command: string): Promise<string[]> {
    return this.send(command, true);
  }

  close(): void {
    this.shutdown('closed by Scrivania');
  }

  get isOpen(): boolean {
    return this.phase !== 'closed';
  }

  private send(command: string, multiline: boolean): Promise<string[]> {
    if (this.phase !== 'ready') return Promise.reject(new ManagementError('the management connection is closed', 'closed'));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => this.shutdown(`OpenVPN did not answer "${command}" within ${this.options.timeoutMs / 1000} s`),
        this.options.timeoutMs,
      );
      this.pending.push({ command, multiline, lines: [], timer, resolve, reject });
      this.socket.write(`${command}\n`);
    });
  }

  private receive(chunk: string): void {
    this.buffer += chunk;
    const lines = this.buffer.split('\n');
    this.buffer = lines.pop() ?? '';
    for (const line of lines) this.handle(parseManagementLine(line));
    if (this.buffer === PASSWORD_PROMPT) {
      this.buffer = '';
      void this.answerPasswordPrompt();
    }
  }

  private async answerPasswordPrompt(): Promise<void> {
    if (this.phase !== 'greeting') return this.ready?.reject(new ManagementError('OpenVPN rejected the management password', 'password'));
    this.phase = 'password';
    if (!this.options.password)
      return this.ready?.reject(
        new ManagementError(
          'OpenVPN asks for a management password, which the profile does not mention (driver.managementPassword)',
          'password',
        ),
      );
    const password = await this.options.password().catch(() => undefined);
    if (password === undefined)
      return this.ready?.reject(
        new ManagementError('OpenVPN asks for a management password and none is saved in the keychain', 'password'),
      );
    // The password is written to the socket only, never to a log or an error.
    this.socket.write(`${password}\n`);
  }

  private handle(line: ManagementLine): void {
    if (this.phase !== 'ready') return this.handleGreeting(line);
    if (line.type === 'success' || line.type === 'error' || line.type === 'end' || line.type === 'data') return this.answer(line);
    this.options.onNotification(line);
  }

  private handleGreeting(line: ManagementLine): void {
    if (line.type === 'error' && this.phase === 'password')
      return this.ready?.reject(new ManagementError('OpenVPN rejected the management password', 'password'));
    if (line.type !== 'info') return;
    this.phase = 'ready';
    this.ready?.resolve();
  }

  private answer(line: Extract<ManagementLine, { type: 'success' | 'error' | 'end' | 'data' }>): void {
    const head = this.pending[0];
    if (!head) return;
    if (line.type === 'data') {
      head.lines.push(line.text);
      return;
    }
    if (line.type === 'success' && head.multiline) return;
    this.pending.shift();
    clearTimeout(head.timer);
    if (line.type === 'error') head.reject(new ManagementError(`OpenVPN refused "${head.command}": ${line.message}`, 'refused'));
    else head.resolve(line.type === 'success' ? [line.message] : head.lines);
  }

  private shutdown(reason: string): void {
    if (this.phase === 'closed') return;
    const wasReady = this.phase === 'ready';
    this.phase = 'closed';
    this.socket.destroy();
    for (const pending of this.pending.splice(0)) {
      clearTimeout(pending.timer);
      pending.reject(new ManagementError(reason, 'closed'));
    }
    if (wasReady) this.options.onClosed(reason);
  }
}
