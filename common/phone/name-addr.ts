/** One entry of a SIP header that lists addresses: `"Name" <sip:user@host;uri-param>;param=value`. */
export interface NameAddr {
  displayName?: string;
  /** The URI without its angle brackets, headers part (`?…`) included. */
  uri: string;
  /** Header parameters after the URI, names in lower case; a flag parameter has the value ''. */
  params: Record<string, string>;
}

/** Splits a header value on the commas that separate entries, not those inside quotes or angle brackets. */
export const splitEntries = (value: string): string[] => {
  const entries: string[] = [];
  let current = '';
  let quoted = false;
  let angle = false;
  for (let index = 0; index < value.length; index++) {
    const char = value.charAt(index);
    if (quoted && char === '\\') {
      current += char + value.charAt(index + 1);
      index++;
      continue;
    }
    if (char === '"' && !angle) quoted = !quoted;
    else if (char === '<' && !quoted) angle = true;
    else if (char === '>' && !quoted) angle = false;
    if (char === ',' && !quoted && !angle) {
      entries.push(current);
      current = '';
      continue;
    }
    current += char;
  }
  entries.push(current);
  return entries.map((entry) => entry.trim()).filter((entry) => entry !== '');
};

const unquote = (text: string): string => text.replace(/^"|"$/g, '').replace(/\\(.)/g, '$1');

const parseParams = (text: string): Record<string, string> => {
  const params: Record<string, string> = {};
  for (const part of text.split(';')) {
    const [name, ...rest] = part.split('=');
    const key = name?.trim().toLowerCase();
    if (!key) continue;
    params[key] = unquote(rest.join('=').trim());
  }
  return params;
};

/** One entry; undefined when it has no URI at all. */
export const parseNameAddr = (entry: string): NameAddr | undefined => {
  const open = entry.indexOf('<');
  const close = entry.indexOf('>', open);
  if (open >= 0 && close > open) {
    const displayName = unquote(entry.slice(0, open).trim());
    return {
      ...(displayName ? { displayName } : {}),
      uri: entry.slice(open + 1, close).trim(),
      params: parseParams(entry.slice(close + 1)),
    };
  }
  // addr-spec without brackets: every ; after it is a header parameter (RFC 3261 §20).
  const [uri, ...params] = entry.split(';');
  if (!uri || !/^(sips?|tel):/i.test(uri.trim())) return undefined;
  return { uri: uri.trim(), params: parseParams(params.join(';')) };
};

/** Every entry of every instance of a header, in order. */
export const parseNameAddrList = (values: readonly string[]): NameAddr[] =>
  values.flatMap(splitEntries).flatMap((entry) => {
    const parsed = parseNameAddr(entry);
    return parsed ? [parsed] : [];
  });

const decode = (text: string): string => {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
};

/** The number or user a sip:, sips: or tel: URI names: `sip:600@pbx` → `600`, `tel:+39-055-1234` → `+390551234`. */
export const uriUser = (uri: string): string | undefined => {
  const tel = /^tel:([^;?]+)/i.exec(uri);
  if (tel?.[1]) return decode(tel[1]).replace(/[-.() ]/g, '');
  // The user part may carry its own parameters (`;phone-context=…`) and a password (`:secret`), neither part of the number.
  const sip = /^sips?:([^@?]+)@/i.exec(uri);
  if (sip?.[1]) return decode(sip[1].split(';')[0]?.split(':')[0] ?? '');
  return undefined;
};

/** The URI's `?` headers, e.g. History-Info's `?Reason=SIP%3Bcause%3D302`, names in lower case. */
export const uriHeaders = (uri: string): Record<string, string> => {
  const question = uri.indexOf('?');
  if (question < 0) return {};
  const headers: Record<string, string> = {};
  for (const pair of uri.slice(question + 1).split('&')) {
    const [name, value = ''] = pair.split('=');
    if (name) headers[decode(name).toLowerCase()] = decode(value);
  }
  return headers;
};
