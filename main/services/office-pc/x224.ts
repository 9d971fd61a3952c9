/**
 * The first RDP exchange (MS-RDPBCGR 2.2.1.1 and 2.2.1.2): an X.224 Connection Request carrying RDP_NEG_REQ with
 * the security protocols the client can do, and the server's Connection Confirm choosing one (RDP_NEG_RSP) or
 * saying why none (RDP_NEG_FAILURE). Each travels in a TPKT (RFC 1006) frame.
 */

export const Protocol = { rdp: 0, ssl: 0x1, hybrid: 0x2, rdstls: 0x4, hybridEx: 0x8 } as const;

const TPKT_VERSION = 3;
const TPKT_HEADER = 4;
const X224_CONNECTION_REQUEST = 0xe0;
const X224_CONNECTION_CONFIRM = 0xd0;
const TYPE_RDP_NEG_REQ = 0x01;
const TYPE_RDP_NEG_RSP = 0x02;
const TYPE_RDP_NEG_FAILURE = 0x03;
const NEG_STRUCTURE_SIZE = 8;
/** Length indicator, code, DST-REF (2), SRC-REF (2), class. */
const X224_FIXED = 7;

export const MAX_TPKT_SIZE = 0xffff;

/** The failure codes of RDP_NEG_FAILURE, as one line each. */
export const negotiationFailureText: Record<number, string> = {
  1: 'the server requires TLS (SSL_REQUIRED_BY_SERVER)',
  2: 'the server does not allow TLS (SSL_NOT_ALLOWED_BY_SERVER)',
  3: 'the server has no certificate for TLS (SSL_CERT_NOT_ON_SERVER)',
  4: 'inconsistent security flags (INCONSISTENT_FLAGS)',
  5: 'the server requires Network Level Authentication (HYBRID_REQUIRED_BY_SERVER)',
  6: 'the server requires TLS with user authentication (SSL_WITH_USER_AUTH_REQUIRED_BY_SERVER)',
};

export const protocolNames = (protocols: number): string[] => {
  if (protocols === Protocol.rdp) return ['standard RDP security'];
  const names: string[] = [];
  if (protocols & Protocol.ssl) names.push('TLS');
  if (protocols & Protocol.hybrid) names.push('NLA (CredSSP)');
  if (protocols & Protocol.rdstls) names.push('RDSTLS');
  if (protocols & Protocol.hybridEx) names.push('NLA with early user authorization (HYBRID_EX)');
  return names;
};

/** The TPKT frame's total size once its 4-byte header has arrived; throws on anything but version 3. */
export const tpktSize = (bytes: Uint8Array): number | undefined => {
  if (bytes.length < TPKT_HEADER) return undefined;
  if (bytes[0] !== TPKT_VERSION) throw new Error(`not a TPKT frame (first byte 0x${(bytes[0] as number).toString(16)})`);
  const size = ((bytes[2] as number) << 8) | (bytes[3] as number);
  if (size < TPKT_HEADER + X224_FIXED) throw new Error(`TPKT frame of ${size} bytes is too short for X.224`);
  return size;
};

/** A Connection Request asking for `protocols`, with the optional `Cookie: mstshash=` routing token. */
export const connectionRequest = (protocols: number, cookieUser?: string): Uint8Array => {
  const cookie = cookieUser ? new TextEncoder().encode(`Cookie: mstshash=${cookieUser}\r\n`) : new Uint8Array();
  const size = TPKT_HEADER + X224_FIXED + cookie.length + NEG_STRUCTURE_SIZE;
  const frame = new Uint8Array(size);
  const view = new DataView(frame.buffer);
  frame.set([TPKT_VERSION, 0, size >> 8, size & 0xff, size - TPKT_HEADER - 1, X224_CONNECTION_REQUEST, 0, 0, 0, 0, 0]);
  frame.set(cookie, TPKT_HEADER + X224_FIXED);
  const negotiation = TPKT_HEADER + X224_FIXED + cookie.length;
  frame.set([TYPE_RDP_NEG_REQ, 0], negotiation);
  view.setUint16(negotiation + 2, NEG_STRUCTURE_SIZE, true);
  view.setUint32(negotiation + 4, protocols, true);
  return frame;
};

export const isConnectionRequest = (frame: Uint8Array): boolean => {
  try {
    return tpktSize(frame) === frame.length && frame[5] === X224_CONNECTION_REQUEST && frame[4] === frame.length - TPKT_HEADER - 1;
  } catch {
    return false;
  }
};

export type ConnectionConfirm =
  | { kind: 'selected'; protocol: number; flags: number }
  | { kind: 'failure'; code: number }
  /** No negotiation structure: an old server that only speaks standard RDP security. */
  | { kind: 'legacy' };

export const parseConnectionConfirm = (frame: Uint8Array): ConnectionConfirm => {
  const size = tpktSize(frame);
  if (size === undefined || size !== frame.length) throw new Error('the Connection Confirm is not one whole TPKT frame');
  if (frame[5] !== X224_CONNECTION_CONFIRM)
    throw new Error(`expected an X.224 Connection Confirm (0xd0), found 0x${(frame[5] as number).toString(16)}`);
  const negotiation = TPKT_HEADER + X224_FIXED;
  if (frame.length < negotiation + NEG_STRUCTURE_SIZE) return { kind: 'legacy' };
  const view = new DataView(frame.buffer, frame.byteOffset, frame.byteLength);
  const type = frame[negotiation];
  const value = view.getUint32(negotiation + 4, true);
  if (type === TYPE_RDP_NEG_RSP) return { kind: 'selected', protocol: value, flags: frame[negotiation + 1] as number };
  if (type === TYPE_RDP_NEG_FAILURE) return { kind: 'failure', code: value };
  throw new Error(`unknown negotiation structure type ${type}`);
};

/** Collects bytes until one whole TPKT frame is there; what follows it is kept for the caller. */
export class TpktReader {
  private buffered = new Uint8Array();

  /** The frame once complete, and whatever arrived after it. */
  push(chunk: Uint8Array): { frame: Uint8Array; rest: Uint8Array } | undefined {
    const joined = new Uint8Array(this.buffered.length + chunk.length);
    joined.set(this.buffered);
    joined.set(chunk, this.buffered.length);
    this.buffered = joined;
    const size = tpktSize(joined);
    if (size === undefined || joined.length < size) return undefined;
    return { frame: joined.slice(0, size), rest: joined.slice(size) };
  }
}
