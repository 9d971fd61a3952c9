/**
 * The part of DER (ITU-T X.690) that RDCleanPath uses: definite lengths, low tag numbers, INTEGER (non-negative),
 * OCTET STRING, UTF8String, SEQUENCE and EXPLICIT context-specific tags. Decoding is strict: a non-minimal length,
 * a non-minimal or negative integer, or trailing bytes are errors, as DER requires.
 */

export const Tag = {
  integer: 0x02,
  octetString: 0x04,
  utf8String: 0x0c,
  sequence: 0x30,
} as const;

const CONTEXT_CONSTRUCTED = 0xa0;
const MAX_LENGTH_OCTETS = 4;

/** `[n] EXPLICIT`: constructed, context-specific, tag number n (0–30). */
export const contextTag = (n: number): number => CONTEXT_CONSTRUCTED | n;
export const contextNumber = (tag: number): number | undefined =>
  (tag & 0xe0) === CONTEXT_CONSTRUCTED && (tag & 0x1f) !== 0x1f ? tag & 0x1f : undefined;

export class DerError extends Error {
  override readonly name = 'DerError';
}

export interface Tlv {
  tag: number;
  content: Uint8Array;
  /** Header and content: where the next element starts, relative to this one's first byte. */
  size: number;
}

const concat = (parts: readonly Uint8Array[]): Uint8Array => {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
};

export const encodeLength = (length: number): Uint8Array => {
  if (length < 0x80) return Uint8Array.of(length);
  const octets: number[] = [];
  for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) octets.unshift(rest % 256);
  return Uint8Array.of(0x80 | octets.length, ...octets);
};

export const encodeTlv = (tag: number, content: Uint8Array): Uint8Array =>
  concat([Uint8Array.of(tag), encodeLength(content.length), content]);

/** A non-negative INTEGER in the fewest octets, with a leading zero when the top bit would read as a sign. */
export const encodeUnsigned = (value: number): Uint8Array => {
  if (!Number.isSafeInteger(value) || value < 0) throw new DerError(`cannot encode ${value} as an unsigned INTEGER`);
  const octets: number[] = [];
  for (let rest = value; rest > 0; rest = Math.floor(rest / 256)) octets.unshift(rest % 256);
  if (octets.length === 0 || (octets[0] as number) >= 0x80) octets.unshift(0);
  return encodeTlv(Tag.integer, Uint8Array.from(octets));
};

export const encodeUtf8 = (text: string): Uint8Array => encodeTlv(Tag.utf8String, new TextEncoder().encode(text));
export const encodeOctets = (bytes: Uint8Array): Uint8Array => encodeTlv(Tag.octetString, bytes);
export const encodeSequence = (children: readonly Uint8Array[]): Uint8Array => encodeTlv(Tag.sequence, concat(children));
export const encodeExplicit = (n: number, inner: Uint8Array): Uint8Array => encodeTlv(contextTag(n), inner);

/**
 * The total size of the element starting at `bytes[0]` once its header is complete, undefined while more bytes are
 * needed to know it. Throws when the header can never be valid DER.
 */
export const elementSize = (bytes: Uint8Array): number | undefined => {
  if (bytes.length < 2) return undefined;
  if (((bytes[0] as number) & 0x1f) === 0x1f) throw new DerError('high tag numbers are not used here');
  const first = bytes[1] as number;
  if (first < 0x80) return 2 + first;
  const count = first & 0x7f;
  if (count === 0) throw new DerError('indefinite length is not DER');
  if (count > MAX_LENGTH_OCTETS) throw new DerError(`a length of ${count} octets is too long`);
  if (bytes.length < 2 + count) return undefined;
  let length = 0;
  for (let index = 0; index < count; index++) length = length * 256 + (bytes[2 + index] as number);
  if (bytes[2] === 0 || length < 0x80) throw new DerError('length not in its shortest form');
  return 2 + count + length;
};

export const readTlv = (bytes: Uint8Array, offset = 0): Tlv => {
  const rest = bytes.subarray(offset);
  const size = elementSize(rest);
  if (size === undefined || size > rest.length) throw new DerError(`element at byte ${offset} is truncated`);
  const headerSize = (rest[1] as number) < 0x80 ? 2 : 2 + ((rest[1] as number) & 0x7f);
  return { tag: rest[0] as number, content: rest.subarray(headerSize, size), size };
};

/** Exactly one element filling `bytes`. */
export const readSingle = (bytes: Uint8Array): Tlv => {
  const element = readTlv(bytes);
  if (element.size !== bytes.length) throw new DerError(`${bytes.length - element.size} bytes after the element`);
  return element;
};

export const readChildren = (content: Uint8Array): Tlv[] => {
  const children: Tlv[] = [];
  for (let offset = 0; offset < content.length;) {
    const child = readTlv(content, offset);
    children.push(child);
    offset += child.size;
  }
  return children;
};

const expectTag = (element: Tlv, tag: number, what: string): void => {
  if (element.tag !== tag) throw new DerError(`${what}: expected tag 0x${tag.toString(16)}, found 0x${element.tag.toString(16)}`);
};

export const decodeUnsigned = (element: Tlv, what = 'INTEGER'): number => {
  expectTag(element, Tag.integer, what);
  const { content } = element;
  if (content.length === 0) throw new DerError(`${what}: empty INTEGER`);
  if ((content[0] as number) >= 0x80) throw new DerError(`${what}: negative INTEGER`);
  if (content.length > 1 && content[0] === 0 && (content[1] as number) < 0x80)
    throw new DerError(`${what}: INTEGER not in its shortest form`);
  let value = 0;
  for (const octet of content) value = value * 256 + octet;
  if (!Number.isSafeInteger(value)) throw new DerError(`${what}: INTEGER too large`);
  return value;
};

export const decodeUtf8 = (element: Tlv, what = 'UTF8String'): string => {
  expectTag(element, Tag.utf8String, what);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(element.content);
  } catch {
    throw new DerError(`${what}: not valid UTF-8`);
  }
};

export const decodeOctets = (element: Tlv, what = 'OCTET STRING'): Uint8Array => {
  expectTag(element, Tag.octetString, what);
  return element.content;
};

export const decodeSequence = (element: Tlv, what = 'SEQUENCE'): Tlv[] => {
  expectTag(element, Tag.sequence, what);
  return readChildren(element.content);
};

/** The one element inside `[n] EXPLICIT`. */
export const unwrapExplicit = (element: Tlv, what: string): Tlv => {
  if (contextNumber(element.tag) === undefined) throw new DerError(`${what}: expected a context-specific tag`);
  return readSingle(element.content);
};
