/**
 * RFC 8785 JSON Canonicalization Scheme: the exact bytes a profile signature covers.
 * Keys sorted by UTF-16 code units, numbers in ECMAScript's shortest round-trip form, strings escaped as
 * JSON.stringify does, no whitespace.
 */

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export class CanonicalJsonError extends Error {
  override readonly name = 'CanonicalJsonError';
}

const isPlainObject = (value: object): boolean => {
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
};

const serializeString = (text: string, where: string): string => {
  // I-JSON (RFC 7493), which RFC 8785 requires, has no lone surrogates: they would not survive UTF-8.
  if (LONE_SURROGATE.test(text)) throw new CanonicalJsonError(`${where}: a string contains a lone UTF-16 surrogate`);
  return JSON.stringify(text);
};

/** Default sort compares UTF-16 code units, which is exactly what RFC 8785 §3.2.3 asks for. */
const sortedKeys = (value: object): string[] => Object.keys(value).sort();

const serialize = (value: unknown, where: string): string => {
  if (value === null || typeof value === 'boolean') return String(value);
  if (typeof value === 'string') return serializeString(value, where);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new CanonicalJsonError(`${where}: ${value} is not a JSON number`);
    // Number#toString is ECMAScript's Number::toString, the serialization RFC 8785 §3.2.2.3 prescribes; -0 becomes 0.
    return Object.is(value, -0) ? '0' : String(value);
  }
  if (Array.isArray(value)) return `[${value.map((item, index) => serialize(item, `${where}[${index}]`)).join(',')}]`;
  if (typeof value === 'object' && isPlainObject(value)) {
    const record = value as Record<string, unknown>;
    const members = sortedKeys(record)
      .filter((key) => record[key] !== undefined)
      .map((key) => `${serializeString(key, where)}:${serialize(record[key], `${where}.${key}`)}`);
    return `{${members.join(',')}}`;
  }
  throw new CanonicalJsonError(`${where}: a ${typeof value} is not JSON data`);
};

/** The canonical text of a JSON value; throws CanonicalJsonError for anything JSON cannot carry. */
export const canonicalJson = (value: unknown): string => serialize(value, '(root)');

/** The canonical UTF-8 bytes, what gets signed and verified. */
export const canonicalBytes = (value: unknown): Uint8Array => new TextEncoder().encode(canonicalJson(value));
