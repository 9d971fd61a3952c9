/** Invitation bodies in HTML (Outlook's Teams body, Google's description) turned into text a link search can read. */

const HTML_TAG = /<\/?[a-z][a-z0-9]*(?:\s[^>]*)?\/?>/i;

export const looksLikeHtml = (text: string): boolean => text.includes('<') && HTML_TAG.test(text);

const namedEntities: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  ndash: '–',
  mdash: '—',
  hellip: '…',
  rsquo: '’',
  lsquo: '‘',
  egrave: 'è',
  eacute: 'é',
  agrave: 'à',
  ograve: 'ò',
  ugrave: 'ù',
  igrave: 'ì',
};

const codePoint = (value: number): string => (Number.isInteger(value) && value > 0 && value <= 0x10ffff ? String.fromCodePoint(value) : '');

export const decodeEntities = (text: string): string =>
  text.includes('&')
    ? text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
        if (name.startsWith('#x') || name.startsWith('#X')) return codePoint(parseInt(name.slice(2), 16));
        if (name.startsWith('#')) return codePoint(parseInt(name.slice(1), 10));
        return namedEntities[name.toLowerCase()] ?? whole;
      })
    : text;

/**
 * Tags removed, line-breaking tags turned into new lines, entities decoded. A link's address is kept next to its
 * text: Teams writes "Click here to join the meeting" with the join URL only in the href.
 */
export const htmlToText = (html: string): string =>
  decodeEntities(
    html
      .replace(/<(script|style|head)\b[\s\S]*?<\/\1\s*>/gi, ' ')
      .replace(/<!--[\s\S]*?-->/g, ' ')
      .replace(
        /<a\b[^>]*?\bhref\s*=\s*(["'])([^"']*)\1[^>]*>([\s\S]*?)<\/a\s*>/gi,
        (_whole, _quote: string, href: string, inner: string) => `${inner} ${href} `,
      )
      .replace(/<(?:br|\/p|\/div|\/tr|\/li|\/h[1-6]|\/table)\b[^>]*>/gi, '\n')
      .replace(/<[^>]*>/g, ''),
  )
    .replace(/[ \t\u00a0]+/g, ' ')
    .replace(/\n\s*\n+/g, '\n');
