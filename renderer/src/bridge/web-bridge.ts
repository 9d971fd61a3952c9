import { decodeStreamFrame, encodeStreamFrame, type ClientMessage } from '../../../common/contract';
import { ContractClient } from '../../../common/contract/client';

const RECONNECT_DELAYS_MS = [250, 500, 1000, 2000, 5000];
const TOKEN_KEY = 'scrivania.token';

/**
 * The web host prints its address with this run's token in the fragment (`#token=…`), which no browser sends to a
 * server. It is kept in sessionStorage, which belongs to this origin alone (port included, unlike a cookie), so a
 * reload keeps working and no other server on 127.0.0.1 ever sees it.
 */
export const keepWebHostToken = (): void => {
  const token = new URLSearchParams(location.hash.slice(1)).get('token');
  if (!token) return;
  sessionStorage.setItem(TOKEN_KEY, token);
  history.replaceState(null, '', location.pathname + location.search);
};

/**
 * The web host's `ScrivaniaApi`: the same ContractClient as the preload, over a WebSocket to the page's own origin,
 * offering the token in the handshake beside the contract's subprotocol.
 */
export const createWebBridge = (): ContractClient => {
  let socket: WebSocket | undefined;
  let attempt = 0;
  const queue: ClientMessage[] = [];

  const write = (open: WebSocket, message: ClientMessage): void => {
    if (message.t === 'stream.data') open.send(encodeStreamFrame(message.id, message.data));
    else open.send(JSON.stringify(message));
  };

  const client = new ContractClient(
    'web',
    {
      send: (message) => {
        if (socket?.readyState === WebSocket.OPEN) write(socket, message);
        else queue.push(message);
      },
    },
    (problem) => console.warn(`scrivania: ${problem}`),
  );

  const connect = (): void => {
    const ws = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`, [
      'scrivania',
      `token.${sessionStorage.getItem(TOKEN_KEY) ?? ''}`,
    ]);
    ws.binaryType = 'arraybuffer';
    socket = ws;
    ws.onopen = () => {
      if (attempt > 0) client.resubscribe();
      attempt = 0;
      queue.splice(0).forEach((message) => write(ws, message));
    };
    ws.onmessage = (event: MessageEvent<string | ArrayBuffer>) => {
      if (typeof event.data === 'string') return client.receive(parseJson(event.data));
      const frame = decodeStreamFrame(new Uint8Array(event.data));
      if (frame) client.receive({ t: 'stream.data', ...frame });
    };
    ws.onclose = () => {
      client.connectionLost('the connection to Scrivania was lost');
      const delay = RECONNECT_DELAYS_MS[Math.min(attempt, RECONNECT_DELAYS_MS.length - 1)];
      attempt += 1;
      setTimeout(connect, delay);
    };
  };
  connect();
  return client;
};

const parseJson = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};
