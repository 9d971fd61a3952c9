import { createLogger, type LogRecord, type Logger } from '../../main/services/logging/logger';

/** A real logger whose records stay in memory for assertions. */
export const memoryLog = (): { log: Logger; records: LogRecord[] } => {
  const records: LogRecord[] = [];
  return { log: createLogger((record) => records.push(record), 'test'), records };
};
