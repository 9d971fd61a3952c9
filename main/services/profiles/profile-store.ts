import { join } from 'node:path';
import { z } from 'zod';
import { LastCheck, ProfileSource } from '../../../common/contract/profiles';
import { formatSchemaError } from '../../../common/profiles/profile-schema';
import { readStoredBytes, readStoredJson, removeStaleTempFiles, writeFileAtomic } from '../storage/atomic-file';

export const ProfileMeta = z.object({
  /** How the active profile arrived. */
  source: ProfileSource.optional(),
  /** The URL polled for new releases, when the profile came from a URL or a link. */
  url: z.string().optional(),
  etag: z.string().optional(),
  lastCheck: LastCheck.optional(),
  /**
   * The serial and digest of the last profile applied. Kept apart from the profile file so rollback stays refused
   * even if that file is lost or has expired.
   */
  activeSerial: z.number().int().positive().optional(),
  activeDigest: z.string().optional(),
});
export type ProfileMeta = z.infer<typeof ProfileMeta>;

export interface StoredProfile {
  /** The signed file exactly as received; it is verified again on every start. */
  bytes?: Uint8Array;
  meta: ProfileMeta;
  problems: string[];
}

/** The active signed profile and what is known about where it came from, in the app's data directory. */
export class ProfileStore {
  readonly profileFile: string;
  readonly metaFile: string;

  constructor(dataDir: string) {
    this.profileFile = join(dataDir, 'profile.signed.json');
    this.metaFile = join(dataDir, 'profile.meta.json');
  }

  async load(): Promise<StoredProfile> {
    await Promise.all([removeStaleTempFiles(this.profileFile), removeStaleTempFiles(this.metaFile)]);
    const problems: string[] = [];
    const bytes = await readStoredBytes(this.profileFile);
    if (bytes.status === 'corrupt') problems.push(bytes.reason);

    let meta: ProfileMeta = {};
    const stored = await readStoredJson(this.metaFile);
    if (stored.status === 'corrupt') problems.push(stored.reason);
    if (stored.status === 'ok') {
      const parsed = ProfileMeta.safeParse(stored.value);
      if (parsed.success) meta = parsed.data;
      else problems.push(`profile.meta.json is corrupt and was ignored: ${formatSchemaError(parsed.error)}`);
    }
    return bytes.status === 'ok' ? { bytes: bytes.value, meta, problems } : { meta, problems };
  }

  /** The profile first, then its metadata: a crash in between leaves a profile that verifies on its own. */
  async saveProfile(bytes: Uint8Array, meta: ProfileMeta): Promise<void> {
    await writeFileAtomic(this.profileFile, bytes);
    await this.saveMeta(meta);
  }

  async saveMeta(meta: ProfileMeta): Promise<void> {
    await writeFileAtomic(this.metaFile, `${JSON.stringify(ProfileMeta.parse(meta), null, 2)}\n`);
  }
}
