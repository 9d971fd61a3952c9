import { parseNameAddrList, uriHeaders, uriUser, type NameAddr } from './name-addr';

export interface AnswerGroup {
  name: string;
  number: string;
}

/** Which line a call reached before it was diverted to this phone. */
export interface DivertedFrom {
  /** The number or user of the line the caller dialled (or the line that forwarded the call). */
  number: string;
  /** The answer group's name from the profile when the line is one, e.g. "Polizia Municipale". */
  group?: string;
  /** The name the PBX gave the line in the header, if any. */
  displayName?: string;
  /** Why it was diverted, in RFC 5806 words: unconditional, user-busy, no-answer, unavailable, deflection… */
  reason?: string;
  /** Which header said so. */
  header: 'Diversion' | 'History-Info';
}

/** The headers of an incoming INVITE that can tell where the call was diverted from, every instance of each. */
export interface DiversionHeaders {
  diversion: readonly string[];
  historyInfo: readonly string[];
}

/** RFC 4458 / RFC 7044 cause codes, as RFC 5806 reasons. */
const reasonOfCause: Record<string, string> = {
  '302': 'unconditional',
  '404': 'unknown',
  '408': 'no-answer',
  '480': 'unavailable',
  '486': 'user-busy',
  '487': 'away',
  '503': 'unavailable',
};

/** Only digits, * # and a leading +: how lines are compared, whatever the PBX adds around them. */
const dialable = (number: string): string => number.replace(/[^0-9*#+]/g, '');

interface Hop {
  number: string;
  displayName?: string;
  reason?: string;
  header: DivertedFrom['header'];
}

const hop = (entry: NameAddr, header: Hop['header'], reason?: string): Hop | undefined => {
  const number = uriUser(entry.uri);
  if (!number) return undefined;
  return { number, header, ...(entry.displayName ? { displayName: entry.displayName } : {}), ...(reason ? { reason } : {}) };
};

/** RFC 5806: the topmost entry is the latest diversion, so the line first dialled is the last one. */
const diversionHops = (values: readonly string[]): Hop[] =>
  parseNameAddrList(values)
    .reverse()
    .flatMap((entry) => hop(entry, 'Diversion', entry.params['reason']) ?? []);

const compareIndex = (a: string, b: string): number => {
  const left = a.split('.').map(Number);
  const right = b.split('.').map(Number);
  for (let position = 0; position < Math.max(left.length, right.length); position++) {
    const difference = (left[position] ?? -1) - (right[position] ?? -1);
    if (difference !== 0) return difference;
  }
  return 0;
};

const reasonOf = (code: string | undefined): string | undefined => (code ? (reasonOfCause[code] ?? `cause ${code}`) : undefined);

/** The Reason header escaped into the URI of the target the call left (RFC 7044 §5). */
const reasonLeaving = (uri: string): string | undefined => {
  const reason = uriHeaders(uri)['reason'];
  return reasonOf(reason ? /cause=(\d{3})/.exec(reason)?.[1] : undefined);
};

/** RFC 4458's `cause` URI parameter on the target the call went to next. */
const causeArriving = (uri: string | undefined): string | undefined =>
  reasonOf(uri ? /;cause=(\d{3})/.exec(uri.split('?')[0] ?? '')?.[1] : undefined);

/**
 * RFC 7044: entries in index order; the last one is this phone. Every earlier target that names another line is a
 * hop, the first being the line dialled.
 */
const historyInfoHops = (values: readonly string[]): Hop[] => {
  const entries = parseNameAddrList(values)
    .filter((entry) => entry.params['index'] !== undefined)
    .sort((a, b) => compareIndex(a.params['index'] ?? '', b.params['index'] ?? ''));
  const last = entries.at(-1);
  if (!last || entries.length < 2) return [];
  const finalUser = uriUser(last.uri);
  return entries.slice(0, -1).flatMap((entry, position) => {
    const found = hop(entry, 'History-Info', reasonLeaving(entry.uri) ?? causeArriving(entries[position + 1]?.uri));
    return found && found.number !== finalUser ? [found] : [];
  });
};

/**
 * The line a call was diverted from, named with the profile's answer groups: among every line the call passed
 * through (Diversion first, then History-Info, each from the line dialled onwards), the first that is an answer
 * group; else the line first dialled. Undefined when the call was not diverted, or only from this extension.
 */
export const divertedFrom = (
  headers: DiversionHeaders,
  ownExtension: string | undefined,
  groups: readonly AnswerGroup[] = [],
): DivertedFrom | undefined => {
  const own = ownExtension ? dialable(ownExtension) : undefined;
  const hops = [...diversionHops(headers.diversion), ...historyInfoHops(headers.historyInfo)].filter(
    (candidate) => dialable(candidate.number) !== own,
  );
  const groupOf = (candidate: Hop): AnswerGroup | undefined =>
    groups.find((group) => dialable(group.number) === dialable(candidate.number));
  const chosen = hops.find((candidate) => groupOf(candidate)) ?? hops[0];
  if (!chosen) return undefined;
  const group = groupOf(chosen);
  return { ...chosen, ...(group ? { group: group.name } : {}) };
};
