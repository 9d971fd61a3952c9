import { z } from 'zod';
import { UpdateChannel } from '../profiles/profile-schema';
import { event, request } from './define';

const IsoInstant = z.iso.datetime();

/**
 * `disabled`: the OS policy or the profile turned updates off (no request is ever sent). `unconfigured`: no update
 * server is set. `idle`: waiting for the first check. `available`: a newer version is on the server; the Electron
 * host downloads it at once, the web host only reports it. `downloaded`: verified and installed on quit or Restart.
 */
export const UpdatePhase = z.enum([
  'disabled',
  'unconfigured',
  'idle',
  'checking',
  'up-to-date',
  'available',
  'downloading',
  'downloaded',
  'installing',
  'error',
]);
export type UpdatePhase = z.infer<typeof UpdatePhase>;

/**
 * `unreachable`: the server did not answer or answered an HTTP error. `invalid-feed`: its latest.yml cannot be read.
 * `refused`: the download did not match the feed's sha512 or size, or the Windows publisher: it was deleted.
 * `invalid-config`: the updates section of the configuration is out of shape. `failed`: anything else.
 */
export const UpdateErrorKind = z.enum(['unreachable', 'invalid-feed', 'refused', 'invalid-config', 'failed']);
export type UpdateErrorKind = z.infer<typeof UpdateErrorKind>;

export const UpdateProblem = z.object({
  kind: UpdateErrorKind,
  /** One technical line naming what was wrong, for the help desk. */
  detail: z.string().max(500),
});
export type UpdateProblem = z.infer<typeof UpdateProblem>;

export const UpdatesState = z.object({
  phase: UpdatePhase,
  currentVersion: z.string(),
  channel: UpdateChannel,
  /** The update server's host name only. */
  server: z.string().optional(),
  /** False in the web host: it can check, but only the installed app can replace itself. */
  canInstall: z.boolean(),
  checkEveryHours: z.number().int().positive(),
  lastCheck: z.object({ at: IsoInstant, outcome: z.enum(['up-to-date', 'available', 'error']) }).optional(),
  /** The newer version found on the server. */
  available: z
    .object({ version: z.string(), releaseDate: z.string().optional(), bytes: z.number().int().nonnegative().optional() })
    .optional(),
  progress: z.object({ transferred: z.number().nonnegative(), total: z.number().nonnegative() }).optional(),
  /** Why the last check or download failed, or why the configuration does not apply. */
  problem: UpdateProblem.optional(),
  nextCheckAt: IsoInstant.optional(),
});
export type UpdatesState = z.infer<typeof UpdatesState>;

const NoParams = z.object({}).strict();

export const updatesContract = {
  /** The update state, replayed to every new subscriber. */
  'updates.state': event(UpdatesState, { retained: true }),
  'updates.status': request(NoParams, UpdatesState),
  /** Checks the update server now; answers once the check is done (a download continues in the background). */
  'updates.check': request(NoParams, UpdatesState),
  /** Quits and installs the downloaded update; refused with one line when there is none or the host cannot. */
  'updates.install': request(NoParams, UpdatesState),
};
