import type { Protocol } from 'electron';
import { contentSecurityPolicy } from '../core/csp';
import { RDP_RELAY_CONNECT_SOURCES } from '../../services/office-pc/csp-sources';
import { readStaticFile } from '../core/static-files';
import { APP_HOST, APP_SCHEME } from './origin';

/** Must run before `app` is ready: makes app:// a secure, standard origin with fetch and storage. */
export const registerAppScheme = (protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void =>
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);

/**
 * Serves the built renderer from app://scrivania/ with the strict CSP; nothing outside `rendererDir`.
 * `connectSources` is asked at every response: the PBX's WebSocket origin from the current profile.
 */
export const serveRenderer = async (
  request: Request,
  rendererDir: string,
  connectSources: () => readonly string[] = () => [],
): Promise<Response> => {
  const url = new URL(request.url);
  if (url.host !== APP_HOST) return new Response('Not found', { status: 404 });
  const file = await readStaticFile(rendererDir, url.pathname);
  if (!file) return new Response('Not found', { status: 404 });
  return new Response(new Uint8Array(file.body), {
    headers: {
      'Content-Type': file.contentType,
      'Content-Security-Policy': contentSecurityPolicy([...RDP_RELAY_CONNECT_SOURCES, ...connectSources()]),
      'X-Content-Type-Options': 'nosniff',
    },
  });
};
