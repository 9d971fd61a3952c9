import { boundedForLog, redactFields, redactText } from './redaction';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
  child(component: string): Logger;
}

export interface LogRecord {
  time: string;
  level: LogLevel;
  component: string;
  message: string;
  [field: string]: unknown;
}

/**
 * A logger that hands each record to `write`, redacted first (secret field names, registered secrets, secret shapes),
 * so no call site has to think of it; the hosts write files and JSON lines, tests keep the records.
 */
export const createLogger = (write: (record: LogRecord) => void, component = 'scrivania', clock: () => Date = () => new Date()): Logger => {
  const at =
    (level: LogLevel) =>
    (message: string, fields: Record<string, unknown> = {}): void =>
      write({ ...redactFields(fields), time: clock().toISOString(), level, component, message: boundedForLog(redactText(message)) });
  return {
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    child: (name) => createLogger(write, `${component}.${name}`, clock),
  };
};

export const jsonLinesTo =
  (stream: { write(line: string): unknown }, minimum: LogLevel = 'info') =>
  (record: LogRecord): void => {
    const order: LogLevel[] = ['debug', 'info', 'warn', 'error'];
    if (order.indexOf(record.level) >= order.indexOf(minimum)) stream.write(`${JSON.stringify(record)}\n`);
  };
