/** What a `scrivania://` link asks for. Only these; anything else is ignored. */
export type DeepLink = { kind: 'profile'; url: string };

export const DEEP_LINK_SCHEME = 'scrivania';

/** `scrivania://profile?url=https://…` → import that profile (its signature still decides whether it applies). */
export const parseDeepLink = (raw: string): DeepLink | undefined => {
  let link: URL;
  try {
    link = new URL(raw);
  } catch {
    return undefined;
  }
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

/** Windows and Linux pass a clicked link as a command-line argument, to the first or a second instance. */
export const deepLinksIn = (argv: readonly string[]): DeepLink[] =>
  argv.flatMap((argument) => {
    const link = parseDeepLink(argument);
    return link ? [link] : [];
  });
