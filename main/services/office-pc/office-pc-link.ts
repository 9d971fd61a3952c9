import { connect as tcpConnect, isIP, type Socket } from 'node:net';
import { connect as tlsConnect, type PeerCertificate, type TLSSocket } from 'node:tls';
import { TpktReader } from './x224';
import { messageOf } from '../../../common/error-message';

/**
 * The relay's side of the office PC: TCP with a deadline, the X.224 exchange in the clear, then TLS on the same
 * socket. Every step has its own timeout, so a silent host never holds a session open.
 */

export type LinkFailureKind = 'not-found' | 'refused' | 'unreachable' | 'timeout' | 'reset' | 'protocol' | 'tls';

/** Why the office PC could not be reached, with the Windows socket error code IronRDP knows how to show. */
export class LinkError extends Error {
  override readonly name = 'LinkError';
  constructor(
    readonly kind: LinkFailureKind,
    message: string,
    readonly wsaCode?: number,
  ) {
    super(message);
  }
}

const socketFailures: Record<string, { kind: LinkFailureKind; wsa: number; text: string }> = {
  ENOTFOUND: { kind: 'not-found', wsa: 11001, text: 'no such host' },
  EAI_AGAIN: { kind: 'not-found', wsa: 11002, text: 'the name could not be resolved now' },
  ECONNREFUSED: { kind: 'refused', wsa: 10061, text: 'connection refused' },
  EHOSTUNREACH: { kind: 'unreachable', wsa: 10065, text: 'no route to host' },
  ENETUNREACH: { kind: 'unreachable', wsa: 10051, text: 'network unreachable' },
  EHOSTDOWN: { kind: 'unreachable', wsa: 10064, text: 'host is down' },
  ETIMEDOUT: { kind: 'timeout', wsa: 10060, text: 'connection timed out' },
  ECONNRESET: { kind: 'reset', wsa: 10054, text: 'connection reset by the office PC' },
  EPIPE: { kind: 'reset', wsa: 10054, text: 'connection closed by the office PC' },
};

export const asLinkError = (error: unknown, where: string): LinkError => {
  if (error instanceof LinkError) return error;
  const code = (error as NodeJS.ErrnoException).code ?? '';
  const known = socketFailures[code];
  if (known) return new LinkError(known.kind, `${where}: ${known.text}`, known.wsa);
  return new LinkError('unreachable', `${where}: ${messageOf(error)}`);
};

const withDeadline = <T>(work: Promise<T>, ms: number, what: string, onTimeout: () => void): Promise<T> => {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      onTimeout();
      reject(new LinkError('timeout', `${what}: no answer within ${ms / 1000} s`, 10060));
    }, ms);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
};

export const openTcp = (host: string, port: number, timeoutMs: number): Promise<Socket> => {
  const socket = tcpConnect({ host, port });
  const connected = new Promise<Socket>((resolve, reject) => {
    socket.once('connect', () => {
      socket.removeAllListeners('error');
      resolve(socket);
    });
    socket.once('error', (error) => reject(asLinkError(error, `${host}:${port}`)));
  });
  return withDeadline(connected, timeoutMs, `${host}:${port}`, () => socket.destroy());
};

/** Sends the client's Connection Request and returns the server's Connection Confirm frame. */
export const exchangeX224 = (socket: Socket, request: Uint8Array, timeoutMs: number): Promise<Uint8Array> => {
  const reader = new TpktReader();
  const answered = new Promise<Uint8Array>((resolve, reject) => {
    const onData = (chunk: Buffer): void => {
      try {
        const complete = reader.push(chunk);
        if (!complete) return;
        cleanup();
        if (complete.rest.length > 0)
          return reject(new LinkError('protocol', 'the office PC sent data after its Connection Confirm before TLS'));
        resolve(complete.frame);
      } catch (error) {
        cleanup();
        reject(new LinkError('protocol', `X.224: ${(error as Error).message}`));
      }
    };
    const onError = (error: Error): void => {
      cleanup();
      reject(asLinkError(error, 'X.224'));
    };
    const onEnd = (): void => {
      cleanup();
      reject(new LinkError('reset', 'the office PC closed the connection before its Connection Confirm', 10054));
    };
    const cleanup = (): void => {
      socket.off('data', onData);
      socket.off('error', onError);
      socket.off('end', onEnd);
    };
    socket.on('data', onData);
    socket.once('error', onError);
    socket.once('end', onEnd);
    socket.write(request);
  });
  return withDeadline(answered, timeoutMs, 'X.224 Connection Confirm', () => socket.destroy());
};

/**
 * TLS on the already connected socket. `rejectUnauthorized: false` on purpose: office PCs present self-signed
 * certificates no CA vouches for, so the relay decides trust itself afterwards (pin from the profile, or trust on
 * first use with the employee), before a single byte of the session crosses.
 */
export const upgradeToTls = (socket: Socket, host: string, timeoutMs: number): Promise<TLSSocket> => {
  const secure = tlsConnect({ socket, rejectUnauthorized: false, ...(isIP(host) ? {} : { servername: host }) });
  const ready = new Promise<TLSSocket>((resolve, reject) => {
    secure.once('secureConnect', () => {
      secure.removeAllListeners('error');
      resolve(secure);
    });
    secure.once('error', (error) => reject(new LinkError('tls', `TLS with the office PC: ${error.message}`)));
  });
  return withDeadline(ready, timeoutMs, 'TLS handshake', () => secure.destroy());
};

/** The server's chain as DER, its own certificate first, as RDCleanPath carries it. */
export const certificateChain = (secure: TLSSocket): Uint8Array[] => {
  const chain: Uint8Array[] = [];
  const seen = new Set<string>();
  let current: PeerCertificate | undefined = secure.getPeerCertificate(true);
  while (current?.raw && !seen.has(current.fingerprint256)) {
    seen.add(current.fingerprint256);
    chain.push(new Uint8Array(current.raw));
    const next: PeerCertificate | undefined = (current as { issuerCertificate?: PeerCertificate }).issuerCertificate;
    current = next;
  }
  return chain;
};
