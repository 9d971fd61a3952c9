import { FeedUpdateEngine } from '../../../updates/feed-update-engine';
import { UpdateError } from '../../../updates/update-engine';
import { readUpdatesConfig } from '../../../updates/updates-config';
import type { SelfTestCheckDefinition } from '../check';
import { notConfigured, verdict } from '../check';
import { oneLineMessageOf } from '../../../../../common/error-message';

/**
 * The update server answers this platform's channel file (latest-linux.yml, latest-mac.yml, beta.yml…) with an
 * update description, read exactly as the updates service reads it.
 */
export const updateServerCheck = (userAgent: string): SelfTestCheckDefinition => ({
  id: 'updateServer',
  timeoutMs: 8_000,
  run: async ({ effective, timeoutMs, log }) => {
    const read = readUpdatesConfig(effective.config.updates);
    if (!read.ok) return verdict('fail', 'updateServer', 'invalid', { detail: read.reason });
    const { url, channel, enabled } = read.config;
    if (url === undefined) return notConfigured();
    if (!enabled) return notConfigured('updates.enabled is false: the organisation installs updates itself');
    const host = new URL(url).host;
    // Nothing is downloaded: the engine only reads the channel file.
    const engine = new FeedUpdateEngine({ downloadDir: '', log, userAgent, checkTimeoutMs: Math.max(timeoutMs - 500, 500) });
    try {
      const { fileName, url: fileUrl, metadata } = await engine.published({ url, channel });
      return verdict('pass', 'updateServer', 'ok', {
        params: { host, version: metadata.version },
        detail: `${fileUrl.host}${fileUrl.pathname}: latest version ${metadata.version} (${fileName})`,
        action: false,
      });
    } catch (error) {
      if (!(error instanceof UpdateError))
        return verdict('fail', 'updateServer', 'unreachable', { params: { host }, detail: oneLineMessageOf(error) });
      if (error.status !== undefined)
        return verdict('fail', 'updateServer', 'httpError', { params: { host, status: error.status }, detail: error.message });
      if (error.kind === 'invalid-feed') return verdict('fail', 'updateServer', 'notAFeed', { params: { host }, detail: error.message });
      return verdict('fail', 'updateServer', 'unreachable', { params: { host }, detail: error.message });
    }
  },
});
