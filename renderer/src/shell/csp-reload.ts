const RELOADED_FOR = 'scrivania.cspReload';

/**
 * The page's Content-Security-Policy names the servers it may connect to as they were when main served it; a profile
 * installed since then may name another (the PBX), which the page cannot reach until it is reloaded and served a
 * fresh policy. So a blocked connection reloads the page, once per blocked origin and session: if the fresh policy
 * still blocks it, that is meant, and reloading again would only loop.
 */
export const reloadOnceWhenConnectionsAreBlocked = (): (() => void) => {
  const reload = (event: SecurityPolicyViolationEvent): void => {
    if (!event.violatedDirective.startsWith('connect-src')) return;
    let origin: string;
    try {
      origin = new URL(event.blockedURI).origin;
    } catch {
      return;
    }
    const reloaded: string[] = JSON.parse(sessionStorage.getItem(RELOADED_FOR) ?? '[]') as string[];
    if (reloaded.includes(origin)) return;
    sessionStorage.setItem(RELOADED_FOR, JSON.stringify([...reloaded, origin]));
    location.reload();
  };
  document.addEventListener('securitypolicyviolation', reload);
  return () => document.removeEventListener('securitypolicyviolation', reload);
};
