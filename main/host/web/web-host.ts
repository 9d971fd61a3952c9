import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import { decodeStreamFrame, encodeStreamFrame, type ServerMessage } from '../../../common/contract';
import type { Logger } from '../../services/logging/logger';
import { contentSecurityPolicy } from '../core/csp';
import { RDP_RELAY_CONNECT_SOURCES } from '../../services/office-pc/csp-sources';
import { ContractSession, type ContractServerParts } from '../core/session';
import { CONTRACT_PROTOCOL, WebAccess } from './access';
import { readStaticFile } from '../core/static-files';
import { registerSecret } from '../../services/logging/secret-registry';

export interface WebHostOptions {
  parts: ContractServerParts;
  /** The built renderer (dist/renderer). */
  rendererDir: string;
  log: Logger;
  /** 0 or absent picks a free port. */
  port?: number;
  /** Origins the page's CSP adds to connect-src, asked at every page response: the PBX's WebSocket from the profile. */
  connectSources?: () => readonly string[];
}

export interface WebHost {
  url: string;
  port: number;
  close(): Promise<void>;
}

const MAX_MESSAGE_BYTES = 16 * 1024 * 1024;
const TOO_BIG = 1009;

/**
 * The contract's socket. ws closes a frame over maxPayload with 1009 and no reason; this one says why, so the peer
 * (and its log) reads one line instead of a bare code.
 */
class ContractSocket extends WebSocket {
  override close(code?: number, reason?: string | Buffer): void {
    super.close(code, reason ?? (code === TOO_BIG ? `A message may be at most ${MAX_MESSAGE_BYTES / 1024 / 1024} MB.` : undefined));
  }
}

const securityHeaders = {
  'Content-Security-Policy': contentSecurityPolicy(RDP_RELAY_CONNECT_SOURCES),
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
};

/** Serves the renderer and carries the contract over a WebSocket, on 127.0.0.1 only, for this run's token holder. */
export const startWebHost = async (options: WebHostOptions): Promise<WebHost> => {
  const log = options.log.child('web');
  const token = randomBytes(24).toString('base64url');
  registerSecret(token);
  const server = createServer();
  const access = new WebAccess(token, () => (server.address() as AddressInfo).port);
  // The page offers the contract's protocol and its token as a second one; only the first is ever selected.
  const sockets = new WebSocketServer({
    noServer: true,
    WebSocket: ContractSocket,
    maxPayload: MAX_MESSAGE_BYTES,
    handleProtocols: (protocols) => (protocols.has(CONTRACT_PROTOCOL) ? CONTRACT_PROTOCOL : false),
  });

  server.on(
    'request',
    (request, response) => void serveHttp(request, response, access, options.rendererDir, options.connectSources ?? (() => [])),
  );
  server.on('upgrade', (request, socket, head) => {
    const refusal = upgradeRefusal(request, access);
    if (refusal) {
      log.warn('refused a WebSocket', { reason: refusal, origin: request.headers.origin });
      return refuseUpgrade(socket, refusal);
    }
    sockets.handleUpgrade(request, socket, head, (ws) => attachSession(ws, request, options.parts, log));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  log.info('web host listening', { port });
  return {
    port,
    // In the fragment, which a browser never sends to any server.
    url: `http://127.0.0.1:${port}/#token=${token}`,
    close: async () => {
      sockets.clients.forEach((client) => client.terminate());
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
};

const serveHttp = async (
  request: IncomingMessage,
  response: ServerResponse,
  access: WebAccess,
  rendererDir: string,
  connectSources: () => readonly string[],
): Promise<void> => {
  if (!access.hostAllowed(request)) return plain(response, 421, 'Unknown host: use the URL the web host printed.');
  // The renderer's files are the public bundle; what they reach, the contract, needs the token.
  if (request.method !== 'GET' && request.method !== 'HEAD') return plain(response, 405, 'Only GET is served.');
  const file = await readStaticFile(rendererDir, new URL(request.url ?? '/', 'http://127.0.0.1').pathname);
  if (!file) return plain(response, 404, 'Not found.');
  response.writeHead(200, {
    ...securityHeaders,
    'Content-Security-Policy': contentSecurityPolicy([...RDP_RELAY_CONNECT_SOURCES, ...connectSources()]),
    'Content-Type': file.contentType,
    'Cache-Control': 'no-store',
  });
  response.end(request.method === 'HEAD' ? undefined : file.body);
};

const plain = (response: ServerResponse, status: number, text: string): void => {
  response.writeHead(status, { ...securityHeaders, 'Content-Type': 'text/plain; charset=utf-8' });
  response.end(`${text}\n`);
};

const upgradeRefusal = (request: IncomingMessage, access: WebAccess): string | undefined => {
  if (new URL(request.url ?? '/', 'http://127.0.0.1').pathname !== '/ws') return 'not the contract socket';
  if (!access.hostAllowed(request)) return 'unknown host';
  if (!access.originAllowed(request)) return 'foreign origin';
  if (!access.tokenValid(access.tokenFrom(request))) return 'missing or wrong token';
  return undefined;
};

const refuseUpgrade = (socket: Duplex, reason: string): void => {
  const status = reason === 'missing or wrong token' ? '401 Unauthorized' : '403 Forbidden';
  socket.end(`HTTP/1.1 ${status}\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\n${reason}\n`);
};

const attachSession = (ws: WebSocket, request: IncomingMessage, parts: ContractServerParts, log: Logger): void => {
  const description = `ws ${request.socket.remoteAddress ?? '?'}:${request.socket.remotePort ?? '?'}`;
  const session = new ContractSession(
    parts,
    {
      description,
      send: (message: ServerMessage) => {
        if (ws.readyState !== ws.OPEN) return;
        if (message.t === 'stream.data') ws.send(encodeStreamFrame(message.id, message.data));
        else ws.send(JSON.stringify(message));
      },
    },
    'web',
  );
  ws.on('message', (data, isBinary) => void session.receive(decodeClientFrame(data, isBinary)));
  ws.on('close', () => session.dispose());
  ws.on('error', (error) => log.warn('WebSocket error', { peer: description, error: error.message }));
};

/** Text frames are JSON messages; binary frames are stream chunks. Anything unreadable goes on as-is to be refused. */
const decodeClientFrame = (data: RawData, isBinary: boolean): unknown => {
  const bytes = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer);
  if (isBinary) {
    const frame = decodeStreamFrame(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    return frame ? { t: 'stream.data', id: frame.id, data: frame.data } : { t: 'stream.data' };
  }
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch {
    return { t: 'not JSON' };
  }
};
