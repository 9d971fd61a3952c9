import { describe, expect, it } from 'vitest';
import { DerError, elementSize, encodeUnsigned } from '../../../main/services/office-pc/der';
import {
  asConnectionRequest,
  connectionResponse,
  decodePdu,
  encodePdu,
  generalError,
  negotiationError,
  RDCLEANPATH_VERSION,
} from '../../../main/services/office-pc/rdcleanpath';

/** Bytes written out by hand from the ASN.1 of ironrdp-rdcleanpath (every field [n] EXPLICIT). */
const hex = (text: string): Uint8Array => Uint8Array.from(text.replace(/\s+/g, '').match(/../g) ?? [], (pair) => parseInt(pair, 16));
const ascii = (text: string): string => Buffer.from(text, 'latin1').toString('hex');

const VERSION_FIELD = 'a0 04 02 02 0d 3e'; // [0] INTEGER 3390

// SEQUENCE { [0] 3390, [2] "pc:3389", [3] "tok", [6] OCTET STRING 01 02 03 }
const REQUEST = hex(`30 1f ${VERSION_FIELD} a2 09 0c 07 ${ascii('pc:3389')} a3 05 0c 03 ${ascii('tok')} a6 05 04 03 01 02 03`);

describe('DER', () => {
  it('encodes unsigned integers in the fewest octets, with a zero before a set top bit', () => {
    expect(encodeUnsigned(0)).toEqual(hex('02 01 00'));
    expect(encodeUnsigned(127)).toEqual(hex('02 01 7f'));
    expect(encodeUnsigned(128)).toEqual(hex('02 02 00 80'));
    expect(encodeUnsigned(3390)).toEqual(hex('02 02 0d 3e'));
    expect(encodeUnsigned(10061)).toEqual(hex('02 02 27 4d'));
  });

  it('tells the size of an element once its header is there, and refuses what DER forbids', () => {
    expect(elementSize(hex('30'))).toBeUndefined();
    expect(elementSize(hex('30 82 01'))).toBeUndefined();
    expect(elementSize(hex('30 82 01 2c'))).toBe(4 + 300);
    expect(() => elementSize(hex('30 80'))).toThrow('indefinite length is not DER');
    expect(() => elementSize(hex('30 81 05'))).toThrow('length not in its shortest form');
  });
});

describe('RDCleanPath PDUs', () => {
  it('decodes a client request built from the ASN.1 definition', () => {
    const pdu = decodePdu(REQUEST);
    expect(pdu).toEqual({ version: RDCLEANPATH_VERSION, destination: 'pc:3389', proxyAuth: 'tok', x224ConnectionPdu: hex('01 02 03') });
    expect(asConnectionRequest(pdu)).toEqual({ destination: 'pc:3389', proxyAuth: 'tok', x224ConnectionRequest: hex('01 02 03') });
  });

  it('encodes the same request to the same bytes', () => {
    expect(encodePdu({ version: 3390, destination: 'pc:3389', proxyAuth: 'tok', x224ConnectionPdu: hex('01 02 03') })).toEqual(REQUEST);
  });

  it('encodes a response with the confirm, the chain (long lengths included) and the server address', () => {
    const leaf = new Uint8Array(300).fill(0xaa);
    const bytes = connectionResponse(hex('0d 0e'), [leaf, hex('bb bb')], '127.0.0.1');
    const chain = `30 82 01 34 04 82 01 2c ${'aa'.repeat(300)} 04 02 bb bb`; // SEQUENCE OF OCTET STRING, 4 + 300 + 4 bytes
    const expected = hex(`30 82 01 55 ${VERSION_FIELD} a6 04 04 02 0d 0e a7 82 01 38 ${chain} a9 0b 0c 09 ${ascii('127.0.0.1')}`);
    expect(Buffer.from(bytes).toString('hex')).toBe(Buffer.from(expected).toString('hex'));
    expect(decodePdu(bytes)).toEqual({
      version: 3390,
      x224ConnectionPdu: hex('0d 0e'),
      serverCertChain: [leaf, hex('bb bb')],
      serverAddr: '127.0.0.1',
    });
  });

  it('encodes a general error with an HTTP status and a Windows socket error', () => {
    // [1] SEQUENCE { [0] 1, [1] 502, [2] 10061 }
    const expected = hex(`30 1b ${VERSION_FIELD} a1 13 30 11 a0 03 02 01 01 a1 04 02 02 01 f6 a2 04 02 02 27 4d`);
    expect(generalError({ httpStatusCode: 502, wsaLastError: 10061 })).toEqual(expected);
    expect(decodePdu(expected).error).toEqual({ errorCode: 1, httpStatusCode: 502, wsaLastError: 10061 });
  });

  it('encodes a TLS alert code above 127 with its leading zero', () => {
    const expected = hex(`30 14 ${VERSION_FIELD} a1 0c 30 0a a0 03 02 01 01 a3 03 02 01 28`);
    expect(generalError({ tlsAlertCode: 40 })).toEqual(expected);
    expect(decodePdu(generalError({ tlsAlertCode: 200 })).error).toEqual({ errorCode: 1, tlsAlertCode: 200 });
    expect(Buffer.from(generalError({ tlsAlertCode: 200 })).toString('hex')).toContain('a304020200c8');
  });

  it('encodes a negotiation error carrying the server confirm', () => {
    const expected = hex(`30 14 ${VERSION_FIELD} a1 07 30 05 a0 03 02 01 02 a6 03 04 01 0d`);
    expect(negotiationError(hex('0d'))).toEqual(expected);
  });

  it('names what a request lacks or gets wrong', () => {
    expect(asConnectionRequest({ version: 3390, proxyAuth: 't', x224ConnectionPdu: hex('00') })).toBe('destination [2] is missing');
    expect(asConnectionRequest({ version: 3390, destination: 'pc:3389', x224ConnectionPdu: hex('00') })).toBe('proxy_auth [3] is missing');
    expect(asConnectionRequest({ version: 3390, destination: 'pc:3389', proxyAuth: 't' })).toBe('x224_connection_pdu [6] is missing');
    expect(asConnectionRequest({ version: 3389, destination: 'pc:3389', proxyAuth: 't', x224ConnectionPdu: hex('00') })).toBe(
      'version 3389 is not 3390',
    );
  });

  it('refuses malformed DER', () => {
    expect(() => decodePdu(hex('30 03 a0 01 02'))).toThrow(DerError);
    expect(() => decodePdu(hex(`30 0c a2 04 0c 02 ${ascii('pc')} ${VERSION_FIELD}`))).toThrow('out of order');
    expect(() => decodePdu(hex(`30 08 ${VERSION_FIELD} 02 00`))).toThrow('context-specific');
    expect(() => decodePdu(hex(`30 06 a0 04 02 02 00 7f`))).toThrow('shortest form');
    expect(() => decodePdu(hex(`30 06 a0 04 02 02 ff 7f`))).toThrow('negative');
    expect(() => decodePdu(hex(`30 0b ${VERSION_FIELD} a2 03 0c 01 ff`))).toThrow('not valid UTF-8');
    expect(() => decodePdu(new Uint8Array([...REQUEST, 0]))).toThrow('1 bytes after the element');
  });
});
