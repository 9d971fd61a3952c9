import type { Logger } from '../../services/logging/logger';
import {
  UpdateError,
  type DownloadProgress,
  type UpdateEngine,
  type UpdateFeed,
  type UpdateOffer,
} from '../../services/updates/update-engine';
import { firstLineMessageOf } from '../../../common/error-message';

/** The part of electron-updater's autoUpdater the engine drives; the host passes the real one, loaded on first use. */
export interface AutoUpdaterPort {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  allowDowngrade: boolean;
  logger: {
    info(message?: unknown): void;
    warn(message?: unknown): void;
    error(message?: unknown): void;
    debug?(message: string): void;
  } | null;
  setFeedURL(options: { provider: 'generic'; url: string; channel?: string }): void;
  checkForUpdates(): Promise<{
    isUpdateAvailable: boolean;
    updateInfo: { version: string; releaseDate: string; files: { size?: number }[] };
  } | null>;
  downloadUpdate(): Promise<string[]>;
  quitAndInstall(): void;
  on(event: 'download-progress', listener: (info: { transferred: number; total: number }) => void): unknown;
  removeListener(event: 'download-progress', listener: (info: { transferred: number; total: number }) => void): unknown;
}

const REFUSED = new Set(['ERR_CHECKSUM_MISMATCH', 'ERR_UPDATER_INVALID_SIGNATURE']);
const INVALID_FEED = new Set(['ERR_UPDATER_INVALID_UPDATE_INFO', 'ERR_UPDATER_INVALID_VERSION', 'ERR_UPDATER_NO_FILES_PROVIDED']);
const UNREACHABLE = /^(ECONNREFUSED|ECONNRESET|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|ERR_HTTP|HTTP_ERROR)|^net::/;

/** electron-updater's error, by its code, as the kinds the Settings pane explains; its first line only. */
export const asUpdateError = (error: unknown): UpdateError => {
  if (error instanceof UpdateError) return error;
  const message = firstLineMessageOf(error).trim().slice(0, 500);
  const code = error instanceof Error && 'code' in error ? String(error.code) : '';
  const status = error instanceof Error && 'statusCode' in error ? Number(error.statusCode) : undefined;
  if (REFUSED.has(code)) return new UpdateError('refused', message);
  // A missing channel file is the server's answer (often a 404), not a malformed one.
  if (code === 'ERR_UPDATER_CHANNEL_FILE_NOT_FOUND' || status !== undefined || UNREACHABLE.test(code) || UNREACHABLE.test(message))
    return new UpdateError('unreachable', message);
  if (INVALID_FEED.has(code)) return new UpdateError('invalid-feed', message);
  return new UpdateError('failed', message);
};

/**
 * The installed app's engine: electron-updater's generic provider on the organisation's server. It downloads only
 * when told (the service decides), never downgrades, verifies the sha512 of the update metadata, and on Windows
 * the publisher of the installer against `publisherName` in app-update.yml. Its requests time out after 60 s
 * without data (electron-updater's own socket timeout).
 */
export class ElectronUpdaterEngine implements UpdateEngine {
  readonly canInstall = true;
  private updater: AutoUpdaterPort | undefined;
  private feedKey: string | undefined;

  constructor(
    private readonly load: () => AutoUpdaterPort,
    private readonly log: Logger,
    /** Lets the window close for real: quitAndInstall closes the windows before the app's before-quit. */
    private readonly beforeQuit: () => void = () => undefined,
  ) {}

  async check(feed: UpdateFeed): Promise<UpdateOffer | undefined> {
    const updater = this.prepare(feed);
    try {
      const result = await updater.checkForUpdates();
      if (!result?.isUpdateAvailable) return undefined;
      const { version, releaseDate, files } = result.updateInfo;
      const bytes = files[0]?.size;
      return { version, ...(releaseDate ? { releaseDate } : {}), ...(bytes !== undefined ? { bytes } : {}) };
    } catch (error) {
      throw asUpdateError(error);
    }
  }

  async download(offer: UpdateOffer, onProgress: (progress: DownloadProgress) => void): Promise<string> {
    const updater = this.updater;
    if (!updater) throw new UpdateError('failed', `version ${offer.version} was not offered by a check`);
    const listener = ({ transferred, total }: { transferred: number; total: number }): void => onProgress({ transferred, total });
    updater.on('download-progress', listener);
    try {
      const [file] = await updater.downloadUpdate();
      return file ?? '';
    } catch (error) {
      throw asUpdateError(error);
    } finally {
      updater.removeListener('download-progress', listener);
    }
  }

  install(): void {
    if (!this.updater) throw new UpdateError('failed', 'no update has been downloaded yet');
    this.beforeQuit();
    this.updater.quitAndInstall();
  }

  private prepare(feed: UpdateFeed): AutoUpdaterPort {
    const updater = (this.updater ??= this.setUp(this.load()));
    const key = `${feed.channel} ${feed.url}`;
    if (key === this.feedKey) return updater;
    updater.setFeedURL({ provider: 'generic', url: feed.url, ...(feed.channel === 'beta' ? { channel: 'beta' } : {}) });
    // Setting a channel turns allowDowngrade on in electron-updater; an older build is never installed here.
    updater.allowDowngrade = false;
    this.feedKey = key;
    return updater;
  }

  private setUp(updater: AutoUpdaterPort): AutoUpdaterPort {
    const log = this.log.child('electron-updater');
    updater.autoDownload = false;
    updater.autoInstallOnAppQuit = true;
    updater.allowDowngrade = false;
    updater.logger = {
      info: (message) => log.info(String(message)),
      warn: (message) => log.warn(String(message)),
      error: (message) => log.error(String(message)),
      debug: (message) => log.debug(message),
    };
    return updater;
  }
}
