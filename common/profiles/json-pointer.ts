/**
 * RFC 6901 JSON pointers, limited to what profiles need: `/phone/extension`, `/calendars/0/url`.
 * Segments that could reach an object's prototype are refused everywhere a pointer is accepted.
 */

/** Keys that must never be read from or written into a configuration object. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

const POINTER_SYNTAX = /^(\/([^~]|~[01])*)+$/;

/** The segments of a pointer, or a one-line reason why it is not one we accept. */
export const parsePointer = (pointer: string): { ok: true; segments: string[] } | { ok: false; reason: string } => {
  if (!POINTER_SYNTAX.test(pointer)) return { ok: false, reason: `"${pointer}" is not a JSON pointer such as /phone/extension` };
  const segments = pointer
    .slice(1)
    .split('/')
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'));
  const forbidden = segments.find((segment) => FORBIDDEN_KEYS.has(segment));
  if (forbidden !== undefined) return { ok: false, reason: `"${pointer}" uses the reserved key "${forbidden}"` };
  return { ok: true, segments };
};

export const formatPointer = (segments: readonly string[]): string =>
  segments.map((segment) => `/${segment.replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');

/** True when `ancestor` is `pointer` itself or one of its parents. */
export const isSameOrAncestor = (ancestor: string, pointer: string): boolean => pointer === ancestor || pointer.startsWith(`${ancestor}/`);

const isContainer = (value: unknown): value is Record<string, unknown> | unknown[] => typeof value === 'object' && value !== null;

const childOf = (container: unknown, segment: string): { found: boolean; value?: unknown } => {
  if (Array.isArray(container)) {
    if (!/^(0|[1-9]\d*)$/.test(segment)) return { found: false };
    const index = Number(segment);
    return index < container.length ? { found: true, value: container[index] } : { found: false };
  }
  if (!isContainer(container) || !Object.prototype.hasOwnProperty.call(container, segment)) return { found: false };
  return { found: true, value: (container as Record<string, unknown>)[segment] };
};

/** The value a pointer names inside `root`, own properties only. */
export const getAt = (root: unknown, segments: readonly string[]): { found: true; value: unknown } | { found: false } => {
  let current: unknown = root;
  for (const segment of segments) {
    const child = childOf(current, segment);
    if (!child.found) return { found: false };
    current = child.value;
  }
  return { found: true, value: current };
};

/**
 * Writes `value` at the pointer inside `root` in place, creating missing objects on the way. An array index may
 * name an existing item or the next one (its length); `-` appends. Returns a one-line reason when it cannot.
 */
export const setAt = (root: Record<string, unknown>, segments: readonly string[], value: unknown): string | undefined => {
  if (segments.length === 0) return 'cannot replace the whole configuration';
  if (segments.some((segment) => FORBIDDEN_KEYS.has(segment))) return `${formatPointer(segments)} uses a reserved key`;
  let current: Record<string, unknown> | unknown[] = root;
  for (let depth = 0; depth < segments.length; depth++) {
    const segment = segments[depth] as string;
    const last = depth === segments.length - 1;
    if (Array.isArray(current)) {
      const index = segment === '-' ? current.length : /^(0|[1-9]\d*)$/.test(segment) ? Number(segment) : Number.NaN;
      if (!(index <= current.length)) return `${formatPointer(segments.slice(0, depth + 1))}: no such item in the list`;
      if (last) {
        current[index] = value;
        return undefined;
      }
      if (!isContainer(current[index])) current[index] = {};
      current = current[index] as Record<string, unknown> | unknown[];
      continue;
    }
    if (last) {
      current[segment] = value;
      return undefined;
    }
    const next = Object.prototype.hasOwnProperty.call(current, segment) ? current[segment] : undefined;
    if (next !== undefined && !isContainer(next))
      return `${formatPointer(segments.slice(0, depth + 1))} is ${next === null ? 'null' : `a ${typeof next}`}, not an object`;
    if (next === undefined) current[segment] = {};
    current = current[segment] as Record<string, unknown> | unknown[];
  }
  return undefined;
};
