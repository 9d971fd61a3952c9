import type { OpenChoice } from '../../../common/meetings/meetings-config';
import type { MeetingLink } from './agenda';
import { appLinkFor, appSchemes, webLinkFor } from './links/app-links';

/**
 * The URL that joins a meeting: the native app's when the employee chose the app, or chose nothing and the app is
 * installed (its URL scheme has a handler); the web page otherwise.
 */
export const joinUrlFor = async (
  link: MeetingLink,
  choice: OpenChoice,
  canOpenScheme: (scheme: string) => Promise<boolean>,
): Promise<string> => {
  const web = webLinkFor(link.url) ?? link.url;
  const { app } = link.service;
  if (!app || choice === 'browser') return web;
  const native = appLinkFor(app, link.url);
  if (!native) return web;
  if (choice === 'app') return native;
  return (await canOpenScheme(appSchemes[app])) ? native : web;
};
