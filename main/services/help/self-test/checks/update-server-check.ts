import { isReservedName, reservedNameReason } from '../../../net/reserved-names';
import type { SelfTestCheckDefinition } from '../check';
import { errorText, hasContent, notConfigured, verdict } from '../check';

const MAX_BYTES = 64 * 1024;

/** `<url>/latest.yml` (or beta.yml for the beta channel), the file electron-updater reads first. */
export const updateFeedUrl = (base: string, channel: unknown): URL => new URL(channel === 'beta' ? 'beta.yml' : 'latest.yml', base.endsWith('/') ? base : `${base}/`);

const networkReason = (error: unknown, timeoutMs: number): string => {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) return `no answer within ${Math.round(timeoutMs / 100) / 10} s`;
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : undefined;
  return cause && 'code' in cause ? String(cause.code) : errorText(cause ?? error);
};

/** The update server answers with an update description (a `version:` line), within a timeout. */
export const updateServerCheck = (userAgent: string): SelfTestCheckDefinition => ({
  id: 'updateServer',
  timeoutMs: 8_000,
  run: async ({ effective, timeoutMs, signal }) => {
    const updates = effective.config.updates;
    if (!hasContent(updates) || typeof updates['url'] !== 'string') return notConfigured();
    if (updates['enabled'] === false) return notConfigured('updates.enabled is false: the organisation installs updates itself');
    const url = updateFeedUrl(updates['url'], updates['channel']);
    const where = `${url.host}${url.pathname}`;
    if (isReservedName(url.hostname)) return verdict('fail', 'updateServer', 'unreachable', { params: { host: url.host }, detail: reservedNameReason(url.hostname) });
    const requestTimeoutMs = Math.max(timeoutMs - 500, 500);
    let response: Response;
    let text: string;
    try {
      response = await fetch(url, { headers: { 'User-Agent': userAgent, Accept: 'text/yaml, */*;q=0.5' }, redirect: 'follow', signal: AbortSignal.any([signal, AbortSignal.timeout(requestTimeoutMs)]) });
      text = (await response.text()).slice(0, MAX_BYTES);
    } catch (error) {
      return verdict('fail', 'updateServer', 'unreachable', { params: { host: url.host }, detail: `${where}: ${networkReason(error, requestTimeoutMs)}` });
    }
    if (!response.ok) return verdict('fail', 'updateServer', 'httpError', { params: { host: url.host, status: response.status }, detail: `${where}: HTTP ${response.status}` });
    const version = /^version:\s*['"]?([^'"\s]+)/m.exec(text)?.[1];
    if (!version) return verdict('fail', 'updateServer', 'notAFeed', { params: { host: url.host }, detail: `${where}: no "version:" line in the answer` });
    return verdict('pass', 'updateServer', 'ok', { params: { host: url.host, version }, detail: `${where}: latest version ${version}`, action: false });
  },
});
