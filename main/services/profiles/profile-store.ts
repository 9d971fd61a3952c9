import { basename, join } from 'node:path';
import { z } from 'zod';
import { LastCheck, ProfileSource } from '../../../common/contract/profiles';
import { formatSchemaError } from '../../../common/profiles/profile-schema';
import { readStoredBytes, readStoredJson, removeStaleTempFiles, writeFileAtomic, type StoredRead } from '../storage/atomic-file';

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

/**
 * The last profile applied, kept beside the active one: used when the active file is damaged, and its serial keeps
 * rollback refused when the metadata is lost. The serial is stored in the clear so it is readable even when the
 * signed bytes no longer verify (expired, key withdrawn).
 */
export const KeptProfile = z.object({
  keptAt: z.iso.datetime({ offset: true }),
  serial: z.number().int().positive(),
  digest: z.string(),
  source: ProfileSource,
  url: z.string().optional(),
  /** The signed file exactly as received, base64. */
  signed: z.base64(),
});
export type KeptProfile = z.infer<typeof KeptProfile>;

export interface StoredProfile {
  /** The signed file exactly as received; it is verified again on every start. */
  bytes?: Uint8Array;
  meta: ProfileMeta;
  /** The last good profile, when its file is sound. */
  kept?: KeptProfile;
  /** The active file exists but cannot be read (a folder in its place, no permission). */
  profileUnreadable?: boolean;
  problems: string[];
}

const corruptLine = (file: string, reason: string): string => `${basename(file)} is corrupt and was ignored: ${reason}`;

/** The active signed profile, its last good copy and what is known about where it came from, in the data directory. */
export class ProfileStore {
  readonly profileFile: string;
  readonly metaFile: string;
  readonly keptFile: string;

  constructor(dataDir: string) {
    this.profileFile = join(dataDir, 'profile.signed.json');
    this.metaFile = join(dataDir, 'profile.meta.json');
    this.keptFile = join(dataDir, 'profile.last-good.json');
  }

  async load(): Promise<StoredProfile> {
    await Promise.all([this.profileFile, this.metaFile, this.keptFile].map((file) => removeStaleTempFiles(file)));
    const problems: string[] = [];
    const bytes = await readStoredBytes(this.profileFile);
    if (bytes.status === 'corrupt') problems.push(bytes.reason);

    const meta = this.parsed(await readStoredJson(this.metaFile), ProfileMeta, this.metaFile, problems) ?? {};
    const kept = this.parsed(await readStoredJson(this.keptFile), KeptProfile, this.keptFile, problems);
    return {
      ...(bytes.status === 'ok' ? { bytes: bytes.value } : {}),
      meta,
      ...(kept ? { kept } : {}),
      ...(bytes.status === 'corrupt' ? { profileUnreadable: true } : {}),
      problems,
    };
  }

  /** The profile, its kept copy, then the metadata: a crash in between leaves a profile that verifies on its own. */
  async saveProfile(bytes: Uint8Array, meta: ProfileMeta, keptAt: Date): Promise<void> {
    await writeFileAtomic(this.profileFile, bytes);
    if (meta.activeSerial !== undefined && meta.activeDigest !== undefined && meta.source !== undefined) {
      const kept: KeptProfile = {
        keptAt: keptAt.toISOString(),
        serial: meta.activeSerial,
        digest: meta.activeDigest,
        source: meta.source,
        ...(meta.url === undefined ? {} : { url: meta.url }),
        signed: Buffer.from(bytes).toString('base64'),
      };
      await writeFileAtomic(this.keptFile, `${JSON.stringify(kept, null, 2)}\n`);
    }
    await this.saveMeta(meta);
  }

  /** Puts the kept copy back in place of a damaged active file, so the next start reads it directly. */
  async restoreProfile(bytes: Uint8Array): Promise<void> {
    await writeFileAtomic(this.profileFile, bytes);
  }

  async saveMeta(meta: ProfileMeta): Promise<void> {
    await writeFileAtomic(this.metaFile, `${JSON.stringify(ProfileMeta.parse(meta), null, 2)}\n`);
  }

  private parsed<T>(stored: StoredRead<unknown>, schema: z.ZodType<T>, file: string, problems: string[]): T | undefined {
    if (stored.status === 'corrupt') problems.push(stored.reason);
    if (stored.status !== 'ok') return undefined;
    const parsed = schema.safeParse(stored.value);
    if (parsed.success) return parsed.data;
    problems.push(corruptLine(file, formatSchemaError(parsed.error)));
    return undefined;
  }
}

/** The signed bytes of a kept copy. */
export const keptBytes = (kept: KeptProfile): Uint8Array => new Uint8Array(Buffer.from(kept.signed, 'base64'));
