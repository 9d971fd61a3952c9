import { WebSocket } from 'ws';
import { elementSize, encodeExplicit, encodeOctets, encodeSequence, encodeUnsigned } from '../../../main/services/office-pc/der';
import { decodePdu, encodePdu, RDCLEANPATH_VERSION, type RdCleanPathPdu } from '../../../main/services/office-pc/rdcleanpath';
import { connectionRequest, Protocol } from '../../../main/services/office-pc/x224';

/** What IronRDP does first, done by hand: open the relay's WebSocket and exchange one RDCleanPath request and answer. */
export interface RelayClient {
  ws: WebSocket;
  /** The next whole DER element the relay sends (an RDCleanPath PDU, or a CredSSP TSRequest once piping). */
  nextElement(timeoutMs?: number): Promise<Uint8Array>;
  /** Resolves with the close code once the relay closes the WebSocket. */
  closed: Promise<number>;
}

export const openRelay = async (url: string, headers: Record<string, string> = {}): Promise<RelayClient> => {
  const ws = new WebSocket(url, { headers });
  let buffered = Buffer.alloc(0);
  let wake: (() => void) | undefined;
  ws.on('message', (data: Buffer) => {
    buffered = Buffer.concat([buffered, data]);
    wake?.();
  });
  const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
    ws.once('unexpected-response', (_request, response) => reject(new Error(`relay answered HTTP ${response.statusCode}`)));
  });
  const nextElement = async (timeoutMs = 10_000): Promise<Uint8Array> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const size = elementSize(buffered);
      if (size !== undefined && buffered.length >= size) {
        const element = buffered.subarray(0, size);
        buffered = buffered.subarray(size);
        return new Uint8Array(element);
      }
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no whole DER element from the relay within ${timeoutMs} ms (${buffered.length} bytes buffered)`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  };
  return { ws, nextElement, closed };
};

export interface HandshakeOptions {
  destination: string;
  token: string;
  protocols?: number;
}

/** Sends the request IronRDP would and returns the relay's decoded answer. */
export const handshake = async (client: RelayClient, options: HandshakeOptions): Promise<RdCleanPathPdu> => {
  const x224 = connectionRequest(options.protocols ?? Protocol.ssl | Protocol.hybrid, 'mrossi');
  client.ws.send(
    encodePdu({ version: RDCLEANPATH_VERSION, destination: options.destination, proxyAuth: options.token, x224ConnectionPdu: x224 }),
  );
  return decodePdu(await client.nextElement());
};

/**
 * CredSSP's first message (MS-CSSP TSRequest, version 6) carrying an NTLM NEGOTIATE_MESSAGE: enough to make an NLA
 * server answer with its CHALLENGE through the relay, proving bytes flow both ways inside TLS.
 */
export const ntlmNegotiateTsRequest = (): Uint8Array => {
  const negotiate = Buffer.alloc(40);
  negotiate.write('NTLMSSP\0', 0, 'latin1');
  negotiate.writeUInt32LE(1, 8);
  negotiate.writeUInt32LE(0xe2088235, 12);
  negotiate.writeUInt32LE(40 << 16, 16); // DomainNameFields: length 0, max 0, offset 40
  negotiate.writeUInt32LE(40, 20);
  negotiate.writeUInt32LE(40 << 16, 24); // WorkstationFields
  negotiate.writeUInt32LE(40, 28);
  negotiate.set([10, 0, 0x61, 0x4a, 0, 0, 0, 15], 32);
  const negoToken = encodeSequence([encodeExplicit(0, encodeOctets(negotiate))]);
  return encodeSequence([encodeExplicit(0, encodeUnsigned(6)), encodeExplicit(1, encodeSequence([negoToken]))]);
};

/** The NTLM message type inside a TSRequest's first negoToken, found by its signature. */
export const ntlmMessageType = (tsRequest: Uint8Array): number | undefined => {
  const at = Buffer.from(tsRequest).indexOf('NTLMSSP\0', 0, 'latin1');
  return at < 0 ? undefined : Buffer.from(tsRequest).readUInt32LE(at + 8);
};
