import { afterEach, beforeEach } from 'vitest';
import { ProfileService } from '../../../main/services/profiles/profile-service';
import type { GeneratedKeys } from '../../../main/services/profiles/profile-signer';
import { clock, withTempDir } from './fixtures';
import { startProfileServer, type ProfileServer } from './profile-server';

type ServiceOptions = ConstructorParameters<typeof ProfileService>[0];

/**
 * For each test of the calling suite: a fresh profile server on 127.0.0.1 and an empty data folder, both gone after
 * it, and a ProfileService on that folder trusting `keys`, with the options a test adds.
 */
export const servedProfilesEach = (keys: GeneratedKeys) => {
  let server: ProfileServer | undefined;
  let dir: string | undefined;
  let removeDir: (() => Promise<void>) | undefined;
  beforeEach(async () => {
    server = await startProfileServer();
    ({ dir, remove: removeDir } = await withTempDir());
  });
  afterEach(async () => {
    await server?.close();
    await removeDir?.();
  });
  const now = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`the ${what} exists only while a test runs`);
    return value;
  };
  return {
    get server(): ProfileServer {
      return now(server, 'profile server');
    },
    get dir(): string {
      return now(dir, 'data folder');
    },
    /** Closes the server and starts another on a new port, so that nothing answers at the old one's URL. */
    async replaceServer(): Promise<void> {
      await now(server, 'profile server').close();
      server = await startProfileServer();
    },
    newService: (extra: Partial<ServiceOptions> = {}) =>
      new ProfileService({ dataDir: now(dir, 'data folder'), clock, trustedKeys: [keys.publicKeyPem], requestTimeoutMs: 2_000, ...extra }),
  };
};
