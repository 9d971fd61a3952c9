import { knownSecrets } from './secret-registry';

export const REDACTED = '[redacted]';

/** Field names whose value is a secret whatever it looks like, compared without case, `-` or `_`. */
const SECRET_KEY_PARTS = [
  'password',
  'passwd',
  'passphrase',
  'secret',
  'token',
  'authorization',
  'cookie',
  'credential',
  'privatekey',
  'apikey',
  'accesskey',
  'signingkey',
];
const SECRET_KEYS = new Set(['pwd', 'pass', 'pin', 'auth']);

export const isSecretKey = (key: string): boolean => {
  const normalized = key.toLowerCase().replace(/[-_]/g, '');
  return SECRET_KEYS.has(normalized) || SECRET_KEY_PARTS.some((part) => normalized.includes(part));
};

/** Secrets recognisable by their shape, whoever wrote them. */
const SHAPES: [RegExp, string][] = [
  [/-----BEGIN ([A-Z0-9 ]*PRIVATE KEY)-----[\s\S]*?(?:-----END \1-----|$)/g, '[redacted private key]'],
  [/\b([a-z][a-z0-9+.-]*:\/\/)[^\s/?#@]+@/gi, `$1${REDACTED}@`],
  [
    /([?&;#](?:access_token|refresh_token|id_token|token|auth|key|api_?key|password|passwd|pwd|secret|sig|signature)=)[^&#\s"'<>]+/gi,
    `$1${REDACTED}`,
  ],
  [/\b(Basic|Bearer|Digest|NTLM|Negotiate)\s+[A-Za-z0-9._~+/=-]{6,}/g, `$1 ${REDACTED}`],
  [/\b((?:proxy-)?authorization\s*[:=]\s*)(?!(?:Basic|Bearer|Digest|NTLM|Negotiate)\s)[^\s,;"']+/gi, `$1${REDACTED}`],
  [/\b((?:set-)?cookie\s*:\s*)[^\r\n"]+/gi, `$1${REDACTED}`],
  [/\b((?:password|passwd|passphrase|secret|api_?key|access_token|token)\s*[=:]\s*)(?!\[redacted)[^\s&,;"'<>]+/gi, `$1${REDACTED}`],
];

/** A text with every registered secret and every secret-shaped part replaced. */
export const redactText = (text: string): string => {
  let redacted = text;
  for (const secret of knownSecrets()) if (redacted.includes(secret)) redacted = redacted.split(secret).join(REDACTED);
  for (const [shape, replacement] of SHAPES) redacted = redacted.replace(shape, replacement);
  return redacted;
};

const MAX_DEPTH = 12;
/** No text in a log line is longer: a hostile input quoted whole would outgrow the 5 MB files it rotates through. */
export const MAX_LOGGED_CHARACTERS = 4_000;

/** Cut after redaction, so a secret is never left half-cut and so unrecognisable. */
export const boundedForLog = (text: string): string =>
  text.length <= MAX_LOGGED_CHARACTERS ? text : `${text.slice(0, MAX_LOGGED_CHARACTERS)}… (${text.length} characters)`;

const redactError = (error: Error, seen: WeakSet<object>, depth: number): Record<string, unknown> => {
  const code = (error as NodeJS.ErrnoException).code;
  return {
    type: error.name,
    message: boundedForLog(redactText(error.message)),
    ...(error.stack ? { stack: boundedForLog(redactText(error.stack)) } : {}),
    ...(code !== undefined ? { code: redactText(String(code)) } : {}),
    ...(error.cause !== undefined ? { cause: redactAny(error.cause, seen, depth + 1) } : {}),
  };
};

const redactAny = (value: unknown, seen: WeakSet<object>, depth: number): unknown => {
  if (typeof value === 'string') return boundedForLog(redactText(value));
  if (typeof value !== 'object' || value === null) return value;
  if (seen.has(value)) return '[circular]';
  if (depth >= MAX_DEPTH) return '[too deep]';
  seen.add(value);
  if (value instanceof Error) return redactError(value, seen, depth);
  if (value instanceof Date) return value.toISOString();
  if (value instanceof URL) return redactText(value.href);
  if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) return `[${value.byteLength} bytes]`;
  if (Array.isArray(value)) return value.map((item) => redactAny(item, seen, depth + 1));
  const entries = value instanceof Map ? [...value.entries()].map(([key, item]) => [String(key), item] as const) : Object.entries(value);
  return Object.fromEntries(entries.map(([key, item]) => [key, isSecretKey(key) ? REDACTED : redactAny(item, seen, depth + 1)]));
};

/** A copy of a log record's fields (or any value) that is safe to write: secret keys, known secrets and secret shapes gone. */
export const redactValue = (value: unknown): unknown => redactAny(value, new WeakSet(), 0);

export const redactFields = (fields: Record<string, unknown>): Record<string, unknown> => redactValue(fields) as Record<string, unknown>;
