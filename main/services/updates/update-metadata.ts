import semver from 'semver';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { formatSchemaError, type UpdateChannel } from '../../../common/profiles/profile-schema';
import { firstLineMessageOf } from '../../../common/error-message';

/**
 * The update metadata electron-builder publishes next to the installers (latest.yml, latest-mac.yml,
 * latest-linux.yml, and beta*.yml for the beta channel), read the way electron-updater reads it.
 */

const Sha512 = z
  .base64({ error: 'expected a base64 sha512' })
  .refine((text) => Buffer.from(text, 'base64').length === 64, 'expected a base64 sha512 of 64 bytes');

const UpdateFile = z.looseObject({
  url: z.string().min(1, 'expected a file name or URL'),
  sha512: Sha512,
  size: z.number().int('expected a whole number').nonnegative().optional(),
});

export const UpdateMetadata = z
  .looseObject({
    version: z.string().refine((text) => semver.valid(text) !== null, 'expected a semantic version such as 1.4.2'),
    files: z.array(UpdateFile).min(1, 'expected at least one file').optional(),
    /** The older single-file form, which electron-builder still writes next to `files`. */
    path: z.string().min(1).optional(),
    sha512: Sha512.optional(),
    releaseDate: z.string().optional(),
  })
  .refine((metadata) => metadata.files !== undefined || (metadata.path !== undefined && metadata.sha512 !== undefined), {
    error: 'expected files, or path with sha512',
    path: ['files'],
  });
export type UpdateMetadata = z.infer<typeof UpdateMetadata>;

export interface UpdateFileRef {
  url: string;
  sha512: string;
  size?: number | undefined;
}

/** electron-updater's names: `latest` or the channel, then `-mac` or `-linux` (with the arch when not x64). */
export const channelFileName = (channel: UpdateChannel, platform: NodeJS.Platform, arch: string): string => {
  const base = channel === 'stable' ? 'latest' : channel;
  if (platform === 'darwin') return `${base}-mac.yml`;
  if (platform === 'linux') return `${base}-linux${arch === 'x64' ? '' : `-${arch}`}.yml`;
  return `${base}.yml`;
};

export type MetadataResult = { ok: true; metadata: UpdateMetadata } | { ok: false; reason: string };

/** Parses a channel file; the reason names the file and what in it is wrong. */
export const parseUpdateMetadata = (text: string, fileName: string): MetadataResult => {
  let document: unknown;
  try {
    document = parseYaml(text);
  } catch (error) {
    return { ok: false, reason: `${fileName} is not YAML: ${firstLineMessageOf(error)}` };
  }
  if (typeof document !== 'object' || document === null || Array.isArray(document))
    return { ok: false, reason: `${fileName}: expected a mapping with version and files` };
  const parsed = UpdateMetadata.safeParse(document);
  if (!parsed.success) return { ok: false, reason: `${fileName}: ${formatSchemaError(parsed.error)}` };
  return { ok: true, metadata: parsed.data };
};

/** The installer this platform's updater uses: the .zip on macOS, the .exe on Windows, the AppImage on Linux. */
const PREFERRED_EXTENSION: Partial<Record<NodeJS.Platform, string>> = { darwin: '.zip', win32: '.exe', linux: '.AppImage' };

export const chooseFile = (metadata: UpdateMetadata, platform: NodeJS.Platform): UpdateFileRef => {
  const files: UpdateFileRef[] = metadata.files ?? [{ url: metadata.path as string, sha512: metadata.sha512 as string }];
  const extension = PREFERRED_EXTENSION[platform];
  return files.find((file) => extension !== undefined && file.url.endsWith(extension)) ?? (files[0] as UpdateFileRef);
};

/** Only a strictly newer version is an update: the same or an older one on the server means up to date. */
export const isNewer = (offered: string, current: string): boolean => semver.gt(offered, current);
