import {
  contextNumber,
  DerError,
  decodeOctets,
  decodeSequence,
  decodeUnsigned,
  decodeUtf8,
  encodeExplicit,
  encodeOctets,
  encodeSequence,
  encodeUnsigned,
  encodeUtf8,
  readSingle,
  unwrapExplicit,
  type Tlv,
} from './der';

/**
 * Devolutions' RDCleanPath PDU, as IronRDP's `ironrdp-rdcleanpath` crate defines it:
 *
 *   RDCleanPathPdu ::= SEQUENCE {                -- every field [n] EXPLICIT
 *     version            [0] INTEGER,            -- 3390
 *     error              [1] RDCleanPathErr OPTIONAL,
 *     destination        [2] UTF8String OPTIONAL,
 *     proxyAuth          [3] UTF8String OPTIONAL,
 *     serverAuth         [4] UTF8String OPTIONAL,
 *     preconnectionBlob  [5] UTF8String OPTIONAL,
 *     x224ConnectionPdu  [6] OCTET STRING OPTIONAL,
 *     serverCertChain    [7] SEQUENCE OF OCTET STRING OPTIONAL,
 *     serverAddr         [9] UTF8String OPTIONAL }
 *   RDCleanPathErr ::= SEQUENCE {
 *     errorCode          [0] INTEGER,            -- 1 general, 2 negotiation
 *     httpStatusCode     [1] INTEGER OPTIONAL,
 *     wsaLastError       [2] INTEGER OPTIONAL,
 *     tlsAlertCode       [3] INTEGER OPTIONAL }
 */

export const RDCLEANPATH_VERSION = 3390;
export const GENERAL_ERROR = 1;
export const NEGOTIATION_ERROR = 2;

export interface RdCleanPathError {
  errorCode: number;
  httpStatusCode?: number;
  wsaLastError?: number;
  tlsAlertCode?: number;
}

export interface RdCleanPathPdu {
  version: number;
  error?: RdCleanPathError;
  destination?: string;
  proxyAuth?: string;
  serverAuth?: string;
  preconnectionBlob?: string;
  x224ConnectionPdu?: Uint8Array;
  serverCertChain?: Uint8Array[];
  serverAddr?: string;
}

const Field = {
  version: 0,
  error: 1,
  destination: 2,
  proxyAuth: 3,
  serverAuth: 4,
  preconnectionBlob: 5,
  x224: 6,
  certChain: 7,
  serverAddr: 9,
} as const;
const ErrField = { errorCode: 0, httpStatusCode: 1, wsaLastError: 2, tlsAlertCode: 3 } as const;

const optional = <T>(n: number, value: T | undefined, encode: (value: T) => Uint8Array): Uint8Array[] =>
  value === undefined ? [] : [encodeExplicit(n, encode(value))];

const encodeError = (error: RdCleanPathError): Uint8Array =>
  encodeSequence([
    encodeExplicit(ErrField.errorCode, encodeUnsigned(error.errorCode)),
    ...optional(ErrField.httpStatusCode, error.httpStatusCode, encodeUnsigned),
    ...optional(ErrField.wsaLastError, error.wsaLastError, encodeUnsigned),
    ...optional(ErrField.tlsAlertCode, error.tlsAlertCode, encodeUnsigned),
  ]);

export const encodePdu = (pdu: RdCleanPathPdu): Uint8Array =>
  encodeSequence([
    encodeExplicit(Field.version, encodeUnsigned(pdu.version)),
    ...optional(Field.error, pdu.error, encodeError),
    ...optional(Field.destination, pdu.destination, encodeUtf8),
    ...optional(Field.proxyAuth, pdu.proxyAuth, encodeUtf8),
    ...optional(Field.serverAuth, pdu.serverAuth, encodeUtf8),
    ...optional(Field.preconnectionBlob, pdu.preconnectionBlob, encodeUtf8),
    ...optional(Field.x224, pdu.x224ConnectionPdu, encodeOctets),
    ...optional(Field.certChain, pdu.serverCertChain, (chain) => encodeSequence(chain.map(encodeOctets))),
    ...optional(Field.serverAddr, pdu.serverAddr, encodeUtf8),
  ]);

/** The fields of a SEQUENCE of `[n] EXPLICIT` elements by tag number, which must rise strictly as DER orders them. */
const explicitFields = (children: Tlv[], what: string): Map<number, Tlv> => {
  const fields = new Map<number, Tlv>();
  let previous = -1;
  for (const child of children) {
    const n = contextNumber(child.tag);
    if (n === undefined) throw new DerError(`${what}: expected only context-specific fields, found tag 0x${child.tag.toString(16)}`);
    if (n <= previous) throw new DerError(`${what}: field [${n}] out of order`);
    previous = n;
    fields.set(n, unwrapExplicit(child, `${what} [${n}]`));
  }
  return fields;
};

const take = <T>(fields: Map<number, Tlv>, n: number, decode: (element: Tlv) => T): T | undefined => {
  const element = fields.get(n);
  return element === undefined ? undefined : decode(element);
};

const decodeError = (element: Tlv): RdCleanPathError => {
  const fields = explicitFields(decodeSequence(element, 'RDCleanPathErr'), 'RDCleanPathErr');
  const errorCode = take(fields, ErrField.errorCode, (value) => decodeUnsigned(value, 'RDCleanPathErr.errorCode'));
  if (errorCode === undefined) throw new DerError('RDCleanPathErr: errorCode [0] is missing');
  const httpStatusCode = take(fields, ErrField.httpStatusCode, (value) => decodeUnsigned(value, 'httpStatusCode'));
  const wsaLastError = take(fields, ErrField.wsaLastError, (value) => decodeUnsigned(value, 'wsaLastError'));
  const tlsAlertCode = take(fields, ErrField.tlsAlertCode, (value) => decodeUnsigned(value, 'tlsAlertCode'));
  return {
    errorCode,
    ...(httpStatusCode === undefined ? {} : { httpStatusCode }),
    ...(wsaLastError === undefined ? {} : { wsaLastError }),
    ...(tlsAlertCode === undefined ? {} : { tlsAlertCode }),
  };
};

/** One whole PDU; unknown context-specific fields (a newer peer's) are skipped, as the crate's decoder would refuse nothing it knows. */
export const decodePdu = (bytes: Uint8Array): RdCleanPathPdu => {
  const fields = explicitFields(decodeSequence(readSingle(bytes), 'RDCleanPathPdu'), 'RDCleanPathPdu');
  const version = take(fields, Field.version, (value) => decodeUnsigned(value, 'version'));
  if (version === undefined) throw new DerError('RDCleanPathPdu: version [0] is missing');
  const pdu: RdCleanPathPdu = { version };
  const error = take(fields, Field.error, decodeError);
  if (error) pdu.error = error;
  const destination = take(fields, Field.destination, (value) => decodeUtf8(value, 'destination'));
  if (destination !== undefined) pdu.destination = destination;
  const proxyAuth = take(fields, Field.proxyAuth, (value) => decodeUtf8(value, 'proxyAuth'));
  if (proxyAuth !== undefined) pdu.proxyAuth = proxyAuth;
  const serverAuth = take(fields, Field.serverAuth, (value) => decodeUtf8(value, 'serverAuth'));
  if (serverAuth !== undefined) pdu.serverAuth = serverAuth;
  const preconnectionBlob = take(fields, Field.preconnectionBlob, (value) => decodeUtf8(value, 'preconnectionBlob'));
  if (preconnectionBlob !== undefined) pdu.preconnectionBlob = preconnectionBlob;
  const x224 = take(fields, Field.x224, (value) => decodeOctets(value, 'x224ConnectionPdu'));
  if (x224 !== undefined) pdu.x224ConnectionPdu = x224;
  const chain = take(fields, Field.certChain, (value) =>
    decodeSequence(value, 'serverCertChain').map((cert) => decodeOctets(cert, 'serverCertChain item')),
  );
  if (chain !== undefined) pdu.serverCertChain = chain;
  const serverAddr = take(fields, Field.serverAddr, (value) => decodeUtf8(value, 'serverAddr'));
  if (serverAddr !== undefined) pdu.serverAddr = serverAddr;
  return pdu;
};

export interface ConnectionRequest {
  destination: string;
  proxyAuth: string;
  x224ConnectionRequest: Uint8Array;
  preconnectionBlob?: string;
}

/** A client's request, or the one line naming what it lacks. */
export const asConnectionRequest = (pdu: RdCleanPathPdu): ConnectionRequest | string => {
  if (pdu.version !== RDCLEANPATH_VERSION) return `version ${pdu.version} is not ${RDCLEANPATH_VERSION}`;
  if (pdu.destination === undefined) return 'destination [2] is missing';
  if (pdu.proxyAuth === undefined) return 'proxy_auth [3] is missing';
  if (pdu.x224ConnectionPdu === undefined) return 'x224_connection_pdu [6] is missing';
  return {
    destination: pdu.destination,
    proxyAuth: pdu.proxyAuth,
    x224ConnectionRequest: pdu.x224ConnectionPdu,
    ...(pdu.preconnectionBlob === undefined ? {} : { preconnectionBlob: pdu.preconnectionBlob }),
  };
};

export const connectionResponse = (x224ConnectionConfirm: Uint8Array, serverCertChain: Uint8Array[], serverAddr: string): Uint8Array =>
  encodePdu({ version: RDCLEANPATH_VERSION, x224ConnectionPdu: x224ConnectionConfirm, serverCertChain, serverAddr });

export const generalError = (details: Omit<RdCleanPathError, 'errorCode'> = {}): Uint8Array =>
  encodePdu({ version: RDCLEANPATH_VERSION, error: { errorCode: GENERAL_ERROR, ...details } });

/** Carries the server's own X.224 confirm, so the client can tell which negotiation failure it was. */
export const negotiationError = (x224ConnectionConfirm: Uint8Array): Uint8Array =>
  encodePdu({ version: RDCLEANPATH_VERSION, error: { errorCode: NEGOTIATION_ERROR }, x224ConnectionPdu: x224ConnectionConfirm });
