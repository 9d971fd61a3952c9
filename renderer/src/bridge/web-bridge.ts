import { decodeStreamFrame, encodeStreamFrame, type ClientMessage } from '../../../common/contract';
import { ContractClient } from '../../../common/contract/client';

const RECONNECT_DELAYS_MS = [250, 500, 1000, 2000, 5000];

/**
 * The web host's `ScrivaniaApi`: the same ContractClient as the preload, over a WebSocket to the page's own origin.
 * The token travels in the HttpOnly cookie the host set with the page, so script never holds it.
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
    const ws = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`);
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
