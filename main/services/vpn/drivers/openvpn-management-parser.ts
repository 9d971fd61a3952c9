/**
 * OpenVPN's management protocol, one line at a time (doc/management-notes.txt). Real-time notifications start
 * with `>`; command answers are `SUCCESS: …`, `ERROR: …`, or data lines closed by `END`.
 */

export interface OpenVpnState {
  /** Unix time in seconds, by OpenVPN's clock. */
  time: number;
  /** CONNECTING, WAIT, AUTH, GET_CONFIG, ASSIGN_IP, ADD_ROUTES, CONNECTED, RECONNECTING, EXITING, RESOLVE, TCP_CONNECT, AUTH_PENDING. */
  name: string;
  /** Why, for RECONNECTING and EXITING: `SIGUSR1`, `ping-restart`, `server-pushed-connection-reset`… */
  detail: string;
  localAddress?: string;
  remoteAddress?: string;
  remotePort?: number;
}

export type ManagementLine =
  | { type: 'state'; state: OpenVpnState }
  | { type: 'bytecount'; bytesIn: number; bytesOut: number }
  | { type: 'hold'; message: string }
  | { type: 'password'; message: string }
  | { type: 'fatal'; message: string }
  | { type: 'info'; message: string }
  /** Any other real-time notification (>LOG:, >NOTIFY:, >ECHO:, >NEED-OK:…). */
  | { type: 'notification'; name: string; message: string }
  | { type: 'success'; message: string }
  | { type: 'error'; message: string }
  | { type: 'end' }
  /** A line of a multi-line answer, e.g. of `state`. */
  | { type: 'data'; text: string };

/** The prompt of a password-protected management interface; OpenVPN sends it without a line break. */
export const PASSWORD_PROMPT = 'ENTER PASSWORD:';

/** `1795435932,CONNECTED,SUCCESS,10.198.9.2,10.199.9.1,1194,,,` — the body of >STATE: and of a `state` answer line. */
export const parseStateFields = (text: string): OpenVpnState | undefined => {
  const [time, name, detail = '', localAddress, remoteAddress, remotePort] = text.split(',');
  if (!time || !/^\d+$/.test(time) || !name || !/^[A-Z_]+$/.test(name)) return undefined;
  return {
    time: Number(time),
    name,
    detail,
    ...(localAddress ? { localAddress } : {}),
    ...(remoteAddress ? { remoteAddress } : {}),
    ...(remotePort && /^\d+$/.test(remotePort) ? { remotePort: Number(remotePort) } : {}),
  };
};

const parseNotification = (name: string, message: string): ManagementLine => {
  switch (name) {
    case 'STATE': {
      const state = parseStateFields(message);
      return state ? { type: 'state', state } : { type: 'notification', name, message };
    }
    case 'BYTECOUNT': {
      const [bytesIn, bytesOut] = message.split(',');
      if (bytesIn && bytesOut && /^\d+$/.test(bytesIn) && /^\d+$/.test(bytesOut))
        return { type: 'bytecount', bytesIn: Number(bytesIn), bytesOut: Number(bytesOut) };
      return { type: 'notification', name, message };
    }
    case 'HOLD':
      return { type: 'hold', message };
    case 'PASSWORD':
      return { type: 'password', message };
    case 'FATAL':
      return { type: 'fatal', message };
    case 'INFO':
      return { type: 'info', message };
    default:
      return { type: 'notification', name, message };
  }
};

export const parseManagementLine = (raw: string): ManagementLine => {
  const line = raw.replace(/\r$/, '');
  const notification = /^>([A-Z0-9_-]+):(.*)$/.exec(line);
  if (notification) return parseNotification(notification[1] ?? '', notification[2] ?? '');
  if (line.startsWith('SUCCESS:')) return { type: 'success', message: line.slice('SUCCESS:'.length).trim() };
  if (line.startsWith('ERROR:')) return { type: 'error', message: line.slice('ERROR:'.length).trim() };
  if (line === 'END') return { type: 'end' };
  return { type: 'data', text: line };
};
