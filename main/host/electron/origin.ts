/** The renderer's own origin: a privileged custom scheme, never file://. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'scrivania';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY = `${APP_ORIGIN}/index.html`;

export const isOwnOrigin = (url: string): boolean => {
  try {
    // A custom scheme has an opaque URL origin, so compare its parts.
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST;
  } catch {
    return false;
  }
};

/** Links the OS may open: web pages and e-mail only, never file:, javascript: or other custom schemes. */
export const isExternalWebLink = (url: string): boolean => {
  try {
    return ['http:', 'https:', 'mailto:'].includes(new URL(url).protocol);
  } catch {
    return false;
  }
};
