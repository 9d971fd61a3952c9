import { expect } from 'vitest';
import { FeedUpdateEngine } from '../../../main/services/updates/feed-update-engine';
import { UpdateError } from '../../../main/services/updates/update-engine';

/** The installed app's engine as far as the service sees it: the real feed download, and a Restart it records. */
export class InstallingFeedEngine extends FeedUpdateEngine {
  override readonly canInstall = true;
  installs = 0;
  override install(): void {
    this.installs += 1;
  }
}

/** The UpdateError a check or download failed with; anything else thrown, or no failure, fails the test. */
export const failureOf = async (promise: Promise<unknown>): Promise<UpdateError> => {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(UpdateError);
  return error as UpdateError;
};
