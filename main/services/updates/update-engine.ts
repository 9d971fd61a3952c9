import type { UpdateErrorKind } from '../../../common/contract/updates';
import type { UpdateChannel } from '../../../common/profiles/profile-schema';
import { oneLineMessageOf } from '../../../common/error-message';

/** Where to look for an update: the server's folder and the channel whose file (latest.yml, beta.yml) to read. */
export interface UpdateFeed {
  url: string;
  channel: UpdateChannel;
  currentVersion: string;
}

/** A version newer than the running one, as the feed describes it. */
export interface UpdateOffer {
  version: string;
  releaseDate?: string;
  bytes?: number;
}

export interface DownloadProgress {
  transferred: number;
  total: number;
}

/** A check or download that failed, with the kind of failure the Settings pane explains. */
export class UpdateError extends Error {
  override readonly name = 'UpdateError';
  constructor(
    readonly kind: Exclude<UpdateErrorKind, 'invalid-config'>,
    message: string,
    /** The HTTP status, when the server answered with an error. */
    readonly status?: number,
  ) {
    super(message);
  }
}

/**
 * What fetches, verifies and installs updates. The Electron host's engine is electron-updater; elsewhere the feed
 * engine reads the same files but cannot replace the running app. `download` takes the offer of the last `check`.
 */
export interface UpdateEngine {
  readonly canInstall: boolean;
  /** The newer version on the server, or undefined when the running one is as new or newer. */
  check(feed: UpdateFeed): Promise<UpdateOffer | undefined>;
  /** Resolves with the verified file's path once downloaded; rejects with an UpdateError, the file removed. */
  download(offer: UpdateOffer, onProgress: (progress: DownloadProgress) => void): Promise<string>;
  /** Quits and installs the downloaded update. */
  install(): void;
}

/** The one line of a failure, whatever was thrown. */
export const failureLine = (error: unknown): string => oneLineMessageOf(error).slice(0, 500);
