import type { MeetingServiceDefinition, ServiceCatalogue } from './catalogue';
import { decodeEntities, htmlToText, looksLikeHtml } from './html-text';
import { unwrapLinks } from './unwrap';

/** Where an event may carry its meeting link, searched in this order. */
export interface LinkFields {
  /** Conference data: Google's X-GOOGLE-CONFERENCE, Microsoft's X-MICROSOFT-SKYPETEAMSMEETINGURL and the like. */
  conference?: readonly string[];
  url?: string;
  location?: string;
  description?: string;
  /** An HTML body sent next to the plain one (Outlook's X-ALT-DESC). */
  htmlDescription?: string;
}

export type LinkField = 'conference' | 'url' | 'location' | 'description' | 'html';

export interface DetectedLink {
  service: MeetingServiceDefinition;
  url: string;
  field: LinkField;
}

const CANDIDATE = /\b(?:https?|zoommtg|discord):\/\/[^\s<>"'`]+/gi;
const TRAILING_PUNCTUATION = /[.,;:!?*)\]}]+$/;
const HOST = /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/?#\s]*@)?([^/?#:\s]+)/i;

/** A URL written in running text, without the punctuation that follows it. */
const trimCandidate = (raw: string): string => {
  const trimmed = raw.replace(TRAILING_PUNCTUATION, '');
  // "(https://x/a(b))" keeps its balanced parenthesis, "(see https://x/a)" loses the closing one.
  if (raw.length > trimmed.length && raw[trimmed.length] === ')' && trimmed.split('(').length > trimmed.split(')').length)
    return `${trimmed})`;
  return trimmed;
};

const matchService = (candidate: string, catalogue: ServiceCatalogue): { service: MeetingServiceDefinition; url: string } | undefined => {
  const host = HOST.exec(candidate)?.[1]?.toLowerCase();
  if (!host) return undefined;
  for (const service of catalogue.candidatesFor(host)) {
    for (const pattern of service.patterns) {
      const match = pattern.exec(candidate);
      if (match) return { service, url: trimCandidate(match[0]) };
    }
  }
  return undefined;
};

/** The longest known-service URL in one field: a Zoom link with its passcode wins over the same link without. */
export const findInText = (text: string, catalogue: ServiceCatalogue): { service: MeetingServiceDefinition; url: string } | undefined => {
  if (!text.includes('://')) return undefined;
  const unwrapped = unwrapLinks(text);
  let best: { service: MeetingServiceDefinition; url: string } | undefined;
  for (const [raw] of unwrapped.matchAll(CANDIDATE)) {
    const found = matchService(trimCandidate(raw), catalogue);
    if (found && (!best || found.url.length > best.url.length)) best = found;
  }
  return best;
};

const fieldsInOrder = (fields: LinkFields): [LinkField, () => string | undefined][] => [
  ['conference', () => fields.conference?.join('\n')],
  ['url', () => fields.url],
  ['location', () => fields.location],
  ['description', () => fields.description],
  ['html', () => (fields.description !== undefined && looksLikeHtml(fields.description) ? htmlToText(fields.description) : undefined)],
  ['html', () => (fields.htmlDescription === undefined ? undefined : htmlToText(fields.htmlDescription))],
];

/**
 * A later field may hold the same link in full: Google puts the bare Zoom link in LOCATION and the one with its
 * passcode in the description. The fuller one is taken; a different meeting in a later field never is.
 */
const fullerInLaterFields = (
  found: { service: MeetingServiceDefinition; url: string },
  later: readonly (() => string | undefined)[],
  catalogue: ServiceCatalogue,
): string => {
  let url = found.url;
  for (const read of later) {
    const raw = read();
    const text = raw === undefined ? undefined : unwrapLinks(raw);
    if (!text?.includes(found.url)) continue;
    for (const [candidate] of text.matchAll(CANDIDATE)) {
      const match = matchService(trimCandidate(candidate), catalogue);
      if (
        match?.service === found.service &&
        match.url.length > url.length &&
        /^[?&#]/.test(match.url.slice(found.url.length)) &&
        match.url.startsWith(found.url)
      )
        url = match.url;
    }
  }
  return url;
};

/** The meeting link of an event: the first field, in the order above, that holds a known service's URL. */
export const detectMeetingLink = (fields: LinkFields, catalogue: ServiceCatalogue): DetectedLink | undefined => {
  const order = fieldsInOrder(fields);
  for (const [index, [field, read]] of order.entries()) {
    const text = read();
    if (!text) continue;
    const found = findInText(text, catalogue);
    if (!found) continue;
    const url = fullerInLaterFields(
      found,
      order.slice(index + 1).map(([, later]) => later),
      catalogue,
    );
    // A URL read from raw HTML may still carry &amp; separators.
    return { service: found.service, url: url.includes('&') ? decodeEntities(url) : url, field };
  }
  return undefined;
};

/** An invitation pasted as one text (the CLI's stdin): the plain reading first, then the HTML one. */
export const detectInInvitation = (text: string, catalogue: ServiceCatalogue): DetectedLink | undefined =>
  detectMeetingLink({ description: text }, catalogue);
