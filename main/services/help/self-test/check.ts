import type { CalendarSource } from '../../../../common/meetings/meetings-config';
import type { AudioDeviceFindings, SelfTestCheck, SelfTestCheckId, SelfTestOutcome } from '../../../../common/contract/help';
import type { CredentialService } from '../../credentials/credential-service';
import type { Logger } from '../../logging/logger';
import type { EffectiveConfiguration } from '../../profiles/effective-config';
import type { ActiveProfileInfo } from '../../profiles/profile-service';
import type { ProfilesState } from '../../../../common/contract/profiles';

/** What every check may look at: the configuration as the services read it, the keychain, and earlier results. */
export interface CheckContext {
  effective: EffectiveConfiguration;
  profile: ActiveProfileInfo | null;
  profilesState: ProfilesState;
  credentials: Pick<CredentialService, 'status' | 'has' | 'secretFor'>;
  /** From the window; absent when the CLI runs the checks. */
  audio?: AudioDeviceFindings;
  /** The calendars the meetings service reads; absent when the CLI runs the checks, which read the profile's. */
  calendars?: readonly CalendarSource[];
  /** Where the office PC's trusted certificates are kept. */
  dataDir: string;
  log: Logger;
  now: () => Date;
  /** This check's own time limit, for the timeouts of the network calls it makes. */
  timeoutMs: number;
  /** Aborted when the check's time is up: a check stops its network work then. */
  signal: AbortSignal;
  /** The results of the checks that already ran. */
  earlier: ReadonlyMap<SelfTestCheckId, SelfTestCheck>;
}

/** A check's verdict; the runner adds its id and how long it took. */
export type CheckVerdict = Omit<SelfTestCheck, 'id' | 'ms'>;

export interface SelfTestCheckDefinition {
  id: SelfTestCheckId;
  timeoutMs: number;
  run(context: CheckContext): Promise<CheckVerdict>;
}

type Params = Record<string, string | number>;

const MAX_DETAIL = 500;

/** One technical line of at most 500 characters, as the contract allows. */
export const detailLine = (text: string): string => {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > MAX_DETAIL ? `${line.slice(0, MAX_DETAIL - 1)}…` : line;
};

/**
 * A verdict whose sentences are `help.selfTest.<id>.<situation>.meaning` and `.action` of the locale files;
 * `action: false` for a situation that needs nothing done.
 */
export const verdict = (
  outcome: SelfTestOutcome,
  id: SelfTestCheckId,
  situation: string,
  options: { params?: Params; detail?: string; action?: boolean } = {},
): CheckVerdict => {
  const key = `help.selfTest.${id}.${situation}`;
  const params = options.params ? { params: options.params } : {};
  return {
    outcome,
    meaning: { key: `${key}.meaning`, ...params },
    ...(options.action === false ? {} : { action: { key: `${key}.action`, ...params } }),
    ...(options.detail ? { detail: detailLine(options.detail) } : {}),
  };
};

/** The section is not part of the organisation's setup: nothing to check, nothing to do. */
export const notConfigured = (detail?: string): CheckVerdict => ({
  outcome: 'skipped',
  meaning: { key: 'help.selfTest.notConfigured.meaning' },
  ...(detail ? { detail: detailLine(detail) } : {}),
});

/** A non-empty object: a section the profile filled in. */
export const hasContent = (section: unknown): section is Record<string, unknown> =>
  typeof section === 'object' && section !== null && Object.keys(section).length > 0;
