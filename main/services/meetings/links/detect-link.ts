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
  if (raw.length > trimmed.length && raw[trimmed.length] === ')' && (trimmed.split('(').length > trimmed.split(')').length)) return `${trimmed})`;
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

/** The meeting link of an event: the first field, in the order above, that holds a known service's URL. */
export const detectMeetingLink = (fields: LinkFields, catalogue: ServiceCatalogue): DetectedLink | undefined => {
  for (const [field, read] of fieldsInOrder(fields)) {
    const text = read();
    if (!text) continue;
    const found = findInText(text, catalogue);
    // A URL read from raw HTML may still carry &amp; separators.
    if (found) return { service: found.service, url: found.url.includes('&') ? decodeEntities(found.url) : found.url, field };
  }
  return undefined;
};

/** An invitation pasted as one text (the CLI's stdin): the plain reading first, then the HTML one. */
export const detectInInvitation = (text: string, catalogue: ServiceCatalogue): DetectedLink | undefined => detectMeetingLink({ description: text }, catalogue);
