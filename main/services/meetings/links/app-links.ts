import type { AppKind } from './catalogue';

/** The URL schemes native meeting apps register, and how a web join link becomes one. */
export const appSchemes: Record<AppKind, string> = { teams: 'msteams', zoom: 'zoommtg', jitsi: 'jitsi-meet', slack: 'slack' };

const parse = (url: string): URL | undefined => {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
};

const ZOOM_MEETING_PATH = /^\/(?:[jws]|wc\/join)\/(\d{9,11})\/?$|^\/wc\/(\d{9,11})\/join\/?$/;

const zoomAppLink = (web: URL): string | undefined => {
  if (web.protocol === 'zoommtg:') return web.href;
  const meeting = ZOOM_MEETING_PATH.exec(web.pathname);
  const confno = meeting?.[1] ?? meeting?.[2];
  if (!confno) return undefined;
  const query = new URLSearchParams({ action: 'join', confno });
  const pwd = web.searchParams.get('pwd');
  if (pwd) query.set('pwd', pwd);
  return `zoommtg://${web.host}/join?${query.toString()}`;
};

const slackAppLink = (web: URL): string | undefined => {
  const [, huddle, team, channel] = web.pathname.split('/');
  if (huddle !== 'huddle' || !team || !channel) return undefined;
  return `slack://join-huddle?team=${encodeURIComponent(team)}&id=${encodeURIComponent(channel)}`;
};

/** The native app's URL for a web join link, or undefined when the app cannot take this kind of link. */
export const appLinkFor = (app: AppKind, url: string): string | undefined => {
  const web = parse(url);
  if (!web) return undefined;
  switch (app) {
    case 'teams':
      return `msteams://${web.host}${web.pathname}${web.search}`;
    case 'zoom':
      return zoomAppLink(web);
    case 'jitsi':
      return `jitsi-meet://${web.host}${web.pathname}${web.search}${web.hash}`;
    case 'slack':
      return slackAppLink(web);
  }
};

/** A link only the app understands (zoommtg://) made into the web page that does the same. */
export const webLinkFor = (url: string): string | undefined => {
  const link = parse(url);
  if (!link) return undefined;
  if (link.protocol === 'http:' || link.protocol === 'https:') return url;
  if (link.protocol !== 'zoommtg:') return undefined;
  const confno = link.searchParams.get('confno');
  if (!confno || !/^\d{9,11}$/.test(confno)) return undefined;
  const pwd = link.searchParams.get('pwd');
  return `https://${link.host}/j/${confno}${pwd ? `?pwd=${encodeURIComponent(pwd)}` : ''}`;
};

/** What Scrivania hands to the OS at all: web pages and the meeting apps' own schemes, nothing else. */
export const isOpenableLink = (url: string): boolean => {
  const link = parse(url);
  if (!link) return false;
  const scheme = link.protocol.slice(0, -1);
  return scheme === 'https' || scheme === 'http' || Object.values(appSchemes).includes(scheme);
};
