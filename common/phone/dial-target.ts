import { uriUser } from './name-addr';

export type DialTarget = { ok: true; uri: string; number: string } | { ok: false; reason: string };

/** A SIP URI's user part may hold * but not #, which would start a fragment. */
const escapeUser = (user: string): string => user.replace(/#/g, '%23');

/**
 * What the employee typed on the dial pad, or a tel: or sip: link they clicked, as the SIP URI to call on the
 * PBX's `domain`, and the number to show and keep in the history.
 */
export const dialTarget = (input: string, domain: string): DialTarget => {
  const text = input.trim();
  if (text === '') return { ok: false, reason: 'type a number to call' };
  if (/^sips?:/i.test(text)) {
    const number = uriUser(text);
    if (!number) return { ok: false, reason: `"${text}" is not a SIP address such as sip:2042@pbx.example` };
    return { ok: true, uri: text.split('?')[0] ?? text, number };
  }
  // Separators people type go only from what looks like a number; a SIP user name is taken as it is.
  const looksNumeric = /^[0-9+*#\s\-.()/]+$/.test(text);
  const bare = /^tel:/i.test(text) ? (uriUser(text) ?? '') : looksNumeric ? text.replace(/[\s\-.()/]/g, '') : text;
  if (!/^\+?[0-9*#]{1,64}$/.test(bare) && !/^[A-Za-z][\w.-]{0,63}$/.test(bare))
    return { ok: false, reason: `"${text}" is not a number: use digits, * and #` };
  return { ok: true, uri: `sip:${escapeUser(bare)}@${domain}`, number: bare };
};
