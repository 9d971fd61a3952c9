import type { DialIn } from '../../../../common/contract/meetings';
import type { DialInStyle } from './catalogue';

/**
 * Phone numbers, conference ID and PIN from the plain text of a Teams, Zoom or Webex invitation, in English or
 * Italian, so the softphone can join by phone: dial, wait for the greeting, send the ID and the PIN as tones.
 */

const PHONE = /(?<![\w+])(?:\+|00)\d[\d\u00a0 ().-]{5,22}\d/g;
const ONE_TAP = /^\s*,,(\d{4,})#(?:,*\*?(\d{3,})#|(\d{3,})#)?/;
const HEADING =
  /call in|dial[- ]in|dial by your location|join by phone|one tap mobile|tap to join|local number|chiama|componi|per telefono|da telefono|tocca per partecipare/i;
const SECTION_END = /^_{10,}\s*$/;

const conferencePatterns: Record<DialInStyle, RegExp[]> = {
  teams: [/(?:phone conference id|conference id|id conferenza(?: telefonica)?)\s*:\s*(\d[\d ]{3,}\d)\s*#?/i],
  zoom: [/(?:meeting id|id riunione|id meeting)\s*:\s*(\d[\d ]{7,}\d)/i],
  webex: [/(?:access code|codice di accesso|meeting number|numero (?:della )?riunione)[^:\n]*:\s*(\d[\d ]{7,}\d)/i],
};

const pinPatterns: Record<DialInStyle, RegExp[]> = {
  teams: [/\bpin\s*:\s*(\d{4,})\s*#?/i],
  zoom: [/(?:passcode|password|codice d'accesso)\s*:\s*(\d{4,})(?=\s|$)/im],
  webex: [
    /\((\d{4,})\s+(?:from phones|dai telefoni|da telefon[io])/i,
    /numeric (?:meeting )?password\s*:\s*(\d{4,})/i,
    /password numerica[^:\n]*:\s*(\d{4,})/i,
  ],
};

const digitsOf = (text: string): string => text.replace(/\D/g, '');

const normaliseNumber = (raw: string): string | undefined => {
  const digits = digitsOf(raw.startsWith('00') ? raw.slice(2) : raw);
  return digits.length >= 8 && digits.length <= 15 ? `+${digits}` : undefined;
};

/** What follows a number on its line: "Italy, Milan", "Italy Toll" — without bullets, tel: links and separators. */
const labelAfter = (rest: string): string | undefined => {
  const label = rest
    .replace(/<tel:[^>]*>/gi, ' ')
    .replace(/\btel:\S*/gi, ' ')
    .replace(PHONE, ' ')
    .replace(/^[\s\-–•·:|()]+|[\s\-–•·:|]+$/g, '')
    .replace(/\s+/g, ' ');
  return label.length > 0 && label.length <= 60 && /\p{L}/u.test(label) ? label : undefined;
};

interface Found {
  numbers: DialIn['numbers'];
  tapConference?: string | undefined;
  tapPin?: string | undefined;
}

const scanNumbers = (text: string): Found => {
  const found: Found = { numbers: [] };
  const seen = new Set<string>();
  let inSection = false;
  for (const line of text.split(/\r?\n/)) {
    if (HEADING.test(line)) inSection = true;
    else if (inSection && SECTION_END.test(line)) inSection = false;
    for (const match of line.matchAll(PHONE)) {
      const number = normaliseNumber(match[0]);
      if (!number) continue;
      const after = line.slice((match.index ?? 0) + match[0].length);
      const tap = ONE_TAP.exec(after);
      if (!tap && !inSection) continue;
      if (tap) {
        found.tapConference ??= tap[1];
        found.tapPin ??= tap[2] ?? tap[3];
      }
      if (seen.has(number)) continue;
      seen.add(number);
      const label = labelAfter(tap ? after.slice(tap[0].length) : after);
      found.numbers.push(label ? { number, label } : { number });
    }
  }
  return found;
};

const firstMatch = (text: string, patterns: readonly RegExp[]): string | undefined => {
  for (const pattern of patterns) {
    const value = pattern.exec(text)?.[1];
    if (value) return digitsOf(value);
  }
  return undefined;
};

export const extractDialIn = (text: string, style: DialInStyle): DialIn | undefined => {
  const found = scanNumbers(text);
  if (found.numbers.length === 0) return undefined;
  const conferenceId = firstMatch(text, conferencePatterns[style]) ?? found.tapConference;
  const pin = found.tapPin ?? firstMatch(text, pinPatterns[style]);
  return { numbers: found.numbers.slice(0, 20), ...(conferenceId ? { conferenceId } : {}), ...(pin ? { pin } : {}) };
};
