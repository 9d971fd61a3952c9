/** What a link handed to Scrivania asks for. Only these; anything else is ignored. */
export type DeepLink = { kind: 'profile'; url: string } | { kind: 'dial'; target: string };

export const DEEP_LINK_SCHEME = 'scrivania';
/** Phone links the softphone answers for, as the OS's handler. */
export const DIAL_SCHEMES = ['tel', 'sip'] as const;

/** `scrivania://profile?url=https://…` → import that profile (its signature still decides whether it applies). */
export const parseDeepLink = (raw: string): DeepLink | undefined => {
  let link: URL;
  try {
    link = new URL(raw);
  } catch {
    return undefined;
  }
  if (DIAL_SCHEMES.some((scheme) => link.protocol === `${scheme}:`)) return dialLink(raw);
  if (link.protocol !== `${DEEP_LINK_SCHEME}:` || link.hostname !== 'profile') return undefined;
  const target = link.searchParams.get('url');
  if (!target) return undefined;
  try {
    const url = new URL(target);
    return ['https:', 'http:'].includes(url.protocol) ? { kind: 'profile', url: url.href } : undefined;
  } catch {
    return undefined;
  }
};

/** `%` not followed by two hex digits (`tel:100%`) makes decodeURIComponent throw; such a link is not one. */
const decoded = (raw: string): string | undefined => {
  try {
    return decodeURIComponent(raw);
  } catch {
    return undefined;
  }
};

/** `tel:+39 0574 123` or `sip:2041@pbx`: the softphone parses the target; here only its length and characters. */
const dialLink = (raw: string): DeepLink | undefined => {
  const target = decoded(raw)?.trim();
  if (target === undefined) return undefined;
  const hasControlCharacter = [...target].some((character) => character.charCodeAt(0) < 0x20);
  return target.length <= 256 && !hasControlCharacter ? { kind: 'dial', target } : undefined;
};

/** Windows and Linux pass a clicked link as a command-line argument, to the first or a second instance. */
export const deepLinksIn = (argv: readonly string[]): DeepLink[] =>
  argv.flatMap((argument) => {
    const link = parseDeepLink(argument);
    return link ? [link] : [];
  });
