import { FORBIDDEN_KEYS } from '../../../common/profiles/json-pointer';
import { oneLineMessageOf } from '../../../common/error-message';

/**
 * JSON.parse keeps `"__proto__"` as an ordinary own key, which is harmless until someone merges or assigns it;
 * these helpers make copies in which such keys simply do not exist, so no later step can be tricked by them.
 */

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A deep copy of JSON data without `__proto__`, `constructor` or `prototype` keys at any depth. */
export const withoutReservedKeys = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(withoutReservedKeys);
  if (!isRecord(value)) return value;
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    if (FORBIDDEN_KEYS.has(key)) continue;
    copy[key] = withoutReservedKeys(value[key]);
  }
  return copy;
};

/** JSON text as data, or the parser's one-line complaint. */
export const parseJson = (text: string): { ok: true; value: unknown } | { ok: false; reason: string } => {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    return { ok: false, reason: oneLineMessageOf(error) };
  }
};

/** Bytes as UTF-8 text (a leading byte-order mark, as Notepad writes, is dropped); undefined if not UTF-8. */
export const decodeUtf8 = (bytes: Uint8Array): string | undefined => {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return undefined;
  }
};
