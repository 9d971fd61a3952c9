/** The URL for messages and logs: origin and path only, since a query string may carry an access token. */
export const redactUrl = (url: string): string => {
  try {
    const parsed = new URL(url);
    return `${parsed.origin}${parsed.pathname}`;
  } catch {
    return '(invalid URL)';
  }
};

const MAX_REDIRECTS = 5;

const isRedirect = (status: number): boolean => status === 301 || status === 302 || status === 303 || status === 307 || status === 308;

/** A redirect that was not followed, with the one line that says why. */
export class RedirectRefused extends Error {
  override readonly name = 'RedirectRefused';
}

/** Where a redirect may lead: never from https to http, and never anywhere `refuse` gives a reason against. */
const redirectTarget = (response: Response, from: URL, refuse: (url: URL) => string | undefined): URL => {
  const location = response.headers.get('location');
  if (!location) throw new RedirectRefused(`a redirect (HTTP ${response.status}) without a Location`);
  let target: URL;
  try {
    target = new URL(location, from);
  } catch {
    throw new RedirectRefused(`a redirect (HTTP ${response.status}) to something that is not a URL`);
  }
  if (from.protocol === 'https:' && target.protocol === 'http:')
    throw new RedirectRefused(`a redirect from https:// to plain http:// (${redactUrl(target.href)}) is not followed`);
  const refused = refuse(target);
  if (refused) throw new RedirectRefused(`a redirect to ${redactUrl(target.href)} is not followed: ${refused}`);
  return target;
};

/**
 * A GET whose redirects are followed by hand, at most five, each hop checked like the address itself: fetch's own
 * following would go from https to plain http without a word. Throws RedirectRefused for a hop it will not take.
 */
export const fetchWithCheckedRedirects = async (
  fetchImpl: typeof fetch,
  url: URL,
  init: Omit<RequestInit, 'redirect'>,
  refuse: (url: URL) => string | undefined = () => undefined,
): Promise<Response> => {
  let current = url;
  let response = await fetchImpl(current, { ...init, redirect: 'manual' });
  for (let hop = 0; isRedirect(response.status); hop++) {
    await response.body?.cancel();
    if (hop === MAX_REDIRECTS) throw new RedirectRefused(`more than ${MAX_REDIRECTS} redirects`);
    current = redirectTarget(response, current, refuse);
    response = await fetchImpl(current, { ...init, redirect: 'manual' });
  }
  return response;
};
