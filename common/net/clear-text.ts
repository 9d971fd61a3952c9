/**
 * The one rule for unencrypted transport: plain http (and ws) is acceptable only to this machine's own loopback
 * (127.0.0.0/8, ::1, localhost: a local mirror, the lab), where nothing crosses a network. Updates, profiles and
 * calendars that carry a password, token or secret address use it; so does the VPN's management host.
 */

export const LOOPBACK_ONLY_HINT = 'plain http only to this machine, 127.0.0.1 or localhost';

/** 127.0.0.0/8, ::1 and localhost, as a host name (a URL's `[::1]` is `::1` here). */
export const isLoopbackHost = (host: string): boolean => {
  const name = host.toLowerCase().replace(/\.$/, '');
  return name === 'localhost' || name === '::1' || /^127(\.\d{1,3}){3}$/.test(name);
};

/** What a transport check needs of a URL; a WHATWG `URL` is one. */
export interface UrlParts {
  protocol: string;
  hostname: string;
}

/**
 * The scheme and host of URL text, for common/, which has no URL class. The host is what follows the scheme and
 * any userinfo, up to a port, path, query or fragment; a backslash ends it too, as URL parsers read `\` as `/`.
 */
export const urlPartsOf = (text: string): UrlParts | undefined => {
  const match = /^([a-z][a-z0-9+.-]*:)\/\/(?:[^@/?#\\]*@)?(\[[^\]]*\]|[^:/?#\\]*)/i.exec(text.trim());
  return match ? { protocol: (match[1] as string).toLowerCase(), hostname: (match[2] as string).toLowerCase() } : undefined;
};

/** Whether the URL goes unencrypted (http:, ws:) to somewhere other than this machine. Unparseable text counts. */
export const travelsInClear = (url: string | UrlParts): boolean => {
  const parts = typeof url === 'string' ? urlPartsOf(url) : url;
  if (!parts) return true;
  if (parts.protocol !== 'http:' && parts.protocol !== 'ws:') return false;
  return !isLoopbackHost(parts.hostname.replace(/^\[(.*)\]$/, '$1'));
};
