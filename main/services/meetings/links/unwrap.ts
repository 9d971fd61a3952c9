/**
 * Outlook's SafeLinks and Google's redirect links hide the real meeting URL in a query parameter; they are replaced
 * by what they point to before any link is searched for.
 */

const SAFE_LINK = /https?:\/\/[a-z0-9.-]*safelinks\.protection\.outlook\.com\/[^\s<>"']*/gi;
const GOOGLE_REDIRECT = /https?:\/\/(?:www\.)?google\.[a-z.]{2,6}\/url\?[^\s<>"']*/gi;

const targetOf = (wrapped: string, parameters: readonly string[]): string | undefined => {
  const query = wrapped.indexOf('?');
  if (query === -1) return undefined;
  // Inside HTML the separators may still be written as &amp;.
  const search = new URLSearchParams(wrapped.slice(query + 1).replace(/&amp;/gi, '&'));
  for (const name of parameters) {
    const value = search.get(name);
    if (value && /^[a-z][a-z0-9+.-]*:\/\//i.test(value)) return value;
  }
  return undefined;
};

const replaceAll = (text: string, pattern: RegExp, parameters: readonly string[]): string =>
  text.replace(pattern, (wrapped) => targetOf(wrapped, parameters) ?? wrapped);

export const unwrapLinks = (text: string): string => {
  let result = text;
  // A SafeLink may wrap a Google redirect and the other way round: unwrap until nothing changes.
  for (let round = 0; round < 3; round++) {
    const before = result;
    if (/safelinks\.protection\.outlook\.com/i.test(result)) result = replaceAll(result, SAFE_LINK, ['url']);
    if (/google\.[a-z.]{2,6}\/url\?/i.test(result)) result = replaceAll(result, GOOGLE_REDIRECT, ['q', 'url']);
    if (result === before) break;
  }
  return result;
};
