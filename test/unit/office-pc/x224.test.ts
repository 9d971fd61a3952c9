import { describe, expect, it } from 'vitest';
import {
  connectionRequest,
  isConnectionRequest,
  parseConnectionConfirm,
  Protocol,
  protocolNames,
  TpktReader,
} from '../../../main/services/office-pc/x224';

const hex = (text: string): Uint8Array => Uint8Array.from(text.replace(/\s+/g, '').match(/../g) ?? [], (pair) => parseInt(pair, 16));

describe('X.224 negotiation (MS-RDPBCGR 2.2.1.1–2.2.1.2)', () => {
  it('builds a Connection Request with RDP_NEG_REQ asking for TLS and NLA', () => {
    // TPKT v3, 19 bytes; LI 14, CR 0xe0, refs 0, class 0; RDP_NEG_REQ type 1, flags 0, length 8, protocols 3 (LE).
    expect(connectionRequest(Protocol.ssl | Protocol.hybrid)).toEqual(hex('03 00 00 13 0e e0 00 00 00 00 00 01 00 08 00 03 00 00 00'));
    expect(isConnectionRequest(connectionRequest(Protocol.ssl))).toBe(true);
  });

  it('puts the routing cookie before the negotiation request', () => {
    const frame = connectionRequest(Protocol.hybrid, 'mrossi');
    const cookie = Buffer.from('Cookie: mstshash=mrossi\r\n');
    expect(frame.length).toBe(4 + 7 + cookie.length + 8);
    expect(Buffer.from(frame.subarray(11, 11 + cookie.length)).equals(cookie)).toBe(true);
    expect(frame[4]).toBe(frame.length - 5);
  });

  it('reads the protocol a server chose, a negotiation failure, and an old server without negotiation', () => {
    expect(parseConnectionConfirm(hex('03 00 00 13 0e d0 00 00 12 34 00 02 1f 08 00 02 00 00 00'))).toEqual({
      kind: 'selected',
      protocol: Protocol.hybrid,
      flags: 0x1f,
    });
    expect(parseConnectionConfirm(hex('03 00 00 13 0e d0 00 00 12 34 00 03 00 08 00 05 00 00 00'))).toEqual({ kind: 'failure', code: 5 });
    expect(parseConnectionConfirm(hex('03 00 00 0b 06 d0 00 00 12 34 00'))).toEqual({ kind: 'legacy' });
    expect(() => parseConnectionConfirm(hex('03 00 00 0b 06 e0 00 00 12 34 00'))).toThrow('expected an X.224 Connection Confirm');
    expect(() => parseConnectionConfirm(hex('16 03 01 00 0b 06 d0 00 00 00 00'))).toThrow('not a TPKT frame');
  });

  it('names protocols for people', () => {
    expect(protocolNames(Protocol.rdp)).toEqual(['standard RDP security']);
    expect(protocolNames(Protocol.ssl | Protocol.hybrid)).toEqual(['TLS', 'NLA (CredSSP)']);
  });

  it('collects a TPKT frame split across reads and keeps what follows it', () => {
    const reader = new TpktReader();
    expect(reader.push(hex('03 00'))).toBeUndefined();
    expect(reader.push(hex('00 0b 06 d0 00 00'))).toBeUndefined();
    expect(reader.push(hex('12 34 00 ff ee'))).toEqual({ frame: hex('03 00 00 0b 06 d0 00 00 12 34 00'), rest: hex('ff ee') });
  });
});
