import WebSocket from 'ws';
import type { RequestKey, RequestOf, ResponseOf } from '../../common/contract';

/** Without an answer within `timeoutMs` (connecting included) the request fails with one line naming it. */
const DEFAULT_TIMEOUT_MS = 30_000;

/** Speaks the contract to a running web host from Node, as the renderer would: the token, our own Origin. */
export const invokeOverWebSocket = async <K extends RequestKey>(
  origin: string,
  token: string,
  key: K,
  request: RequestOf<K>,
  timeoutMs = DEFAULT_TIMEOUT_MS,
): Promise<ResponseOf<K>> => {
  const socket = new WebSocket(`${origin.replace('http', 'ws')}/ws`, ['scrivania', `token.${token}`], { headers: { Origin: origin } });
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`${key}: no answer within ${timeoutMs / 1000} s`)), timeoutMs);
  });
  const exchange = async (): Promise<ResponseOf<K>> => {
    await new Promise((resolve, reject) => {
      socket.once('open', resolve);
      socket.once('error', reject);
    });
    const reply = new Promise<{ ok: boolean; value?: unknown; error?: { message: string } }>((resolve) =>
      socket.on('message', (data) => {
        const message = JSON.parse(data.toString()) as { t: string; id?: number };
        if (message.t === 'response' && message.id === 1) resolve(message as never);
      }),
    );
    socket.send(JSON.stringify({ t: 'request', id: 1, key, payload: request }));
    const answer = await reply;
    if (!answer.ok) throw new Error(answer.error?.message ?? `${key} failed`);
    return answer.value as ResponseOf<K>;
  };
  try {
    return await Promise.race([exchange(), deadline]);
  } finally {
    clearTimeout(timer);
    socket.close();
  }
};
