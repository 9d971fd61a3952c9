import { formatSchemaError, UpdatesSection, type UpdateChannel } from '../../../common/profiles/profile-schema';

/** The configuration's `updates` section with its defaults filled in. */
export interface UpdatesConfig {
  enabled: boolean;
  url?: string;
  channel: UpdateChannel;
  checkEveryHours: number;
}

export const DEFAULT_CHECK_EVERY_HOURS = 6;

export const DEFAULT_UPDATES_CONFIG: UpdatesConfig = { enabled: true, channel: 'stable', checkEveryHours: DEFAULT_CHECK_EVERY_HOURS };

export type UpdatesConfigResult = { ok: true; config: UpdatesConfig } | { ok: false; reason: string };

export const readUpdatesConfig = (section: unknown): UpdatesConfigResult => {
  const parsed = UpdatesSection.safeParse(section ?? {});
  if (!parsed.success) return { ok: false, reason: formatSchemaError(parsed.error, 'updates') };
  const { enabled = true, url, channel = 'stable', checkEveryHours = DEFAULT_CHECK_EVERY_HOURS } = parsed.data;
  return { ok: true, config: { enabled, channel, checkEveryHours, ...(url !== undefined ? { url } : {}) } };
};
