import { randomUUID } from 'node:crypto';
import type {
  EffectiveConfigView,
  LastCheck,
  ProfilePreview,
  ProfileSource,
  ProfilesState,
  ProfileSummary,
} from '../../../common/contract/profiles';
import { problem, problemReport, type Problem, type ProblemCode, type ProblemReport } from '../../../common/contract/problems';
import { Emitter } from '../../../common/emitter';
import { ConfigSections, formatSchemaError, type Profile } from '../../../common/profiles/profile-schema';
import type { Logger } from '../logging/logger';
import { computeEffective, computeLocks, mergeLayers, type EffectiveConfiguration } from './effective-config';
import { emptyPolicy, type PolicyReadResult } from './policy-sources';
import { redactUrl } from '../net/checked-redirects';
import { fetchProfile, refuseUrl, type FetchLike } from './profile-fetch';
import { ProfilePoller, type PollTarget } from './profile-poller';
import { keptBytes, ProfileStore, type KeptProfile, type ProfileMeta, type StoredProfile } from './profile-store';
import { ProfileVerifier, type ActiveProfileMarker } from './profile-verifier';
import { previewOf } from './profile-preview';
import { findLock } from '../../../common/profiles/locks';
import { UserSettingsStore } from './user-settings-store';
import { oneLineMessageOf } from '../../../common/error-message';

export interface ProfileServicePorts {
  /** Where the active profile, its metadata and the user's settings live. */
  dataDir: string;
  clock?: () => Date;
  fetch?: FetchLike;
  /** Public keys built into the app, PEM or base64; the OS policy may add more. */
  trustedKeys?: readonly string[];
  /** The OS policy; the hosts pass `() => readOsPolicy({ platform: process.platform })`. None by default. */
  readPolicy?: () => Promise<PolicyReadResult>;
  /** The profile address built into this installation: polled when neither the OS policy nor the employee set one. */
  defaultProfileUrl?: string;
  builtInDefaults?: ConfigSections;
  pollIntervalMinutes?: number;
  requestTimeoutMs?: number;
  log?: Logger;
}

export interface ActiveProfileInfo {
  profile: Profile;
  keyId: string;
  source: ProfileSource;
  lastCheck: LastCheck | null;
}

/** Why nothing was installed or changed: the technical line (logs, Details) and what the employee is told. */
export interface NotDone {
  ok: false;
  kind: 'refused' | 'failed';
  reason: string;
  problem: Problem;
}

export type ImportOutcome = { ok: true; summary: ProfileSummary; alreadyActive: boolean } | NotDone;

export type PreviewOutcome = { ok: true; preview: ProfilePreview } | NotDone;

export type ChangeOutcome = { ok: true } | { ok: false; locked: boolean; reason: string; problem: Problem };

interface HeldPreview {
  bytes: Uint8Array;
  origin: Origin;
  preview: ProfilePreview;
  at: number;
}

/** Previews kept at once, and for how long: enough for a person to read one, never a store of every file ever tried. */
const MAX_PREVIEWS = 4;
const PREVIEW_LIFETIME_MS = 60 * 60_000;

interface Active {
  profile: Profile;
  keyId: string;
  digest: string;
  source: ProfileSource;
}

interface Origin {
  source: ProfileSource;
  url?: string;
  etag?: string;
}

const silentLog: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  child: () => silentLog,
};

/**
 * Configuration profiles for the rest of main: imports signed profiles from files, URLs and links, polls the
 * profile URL, keeps the last good profile on disk, and computes the effective configuration with its locks.
 * Emits `changed` after every change anyone could see.
 */
export class ProfileService extends Emitter<{ changed: ProfilesState }> {
  private readonly clock: () => Date;
  private readonly log: Logger;
  private readonly profileStore: ProfileStore;
  private readonly userStore: UserSettingsStore;
  private readonly verifier: ProfileVerifier;
  private readonly poller: ProfilePoller;
  private policy: PolicyReadResult = { policy: emptyPolicy(), sources: [], problems: [] };
  private current: Active | undefined;
  private meta: ProfileMeta = {};
  private storageProblems: ProblemReport[] = [];
  private readonly previews = new Map<string, HeldPreview>();
  private offered: ProfilePreview | null = null;
  private loaded: Promise<void> | undefined;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly ports: ProfileServicePorts) {
    super();
    this.clock = ports.clock ?? (() => new Date());
    this.log = ports.log ?? silentLog;
    this.profileStore = new ProfileStore(ports.dataDir);
    this.userStore = new UserSettingsStore(ports.dataDir, () => this.locks());
    this.verifier = new ProfileVerifier({
      trustedKeys: () => [...(ports.trustedKeys ?? []), ...this.policy.policy.trustedKeys],
      clock: this.clock,
      activeProfile: () => this.rollbackFloor(),
    });
    this.poller = new ProfilePoller({
      ...(ports.fetch ? { fetch: ports.fetch } : {}),
      clock: this.clock,
      intervalMinutes: ports.pollIntervalMinutes ?? 60,
      timeoutMs: ports.requestTimeoutMs ?? 15_000,
      target: () => this.pollTarget(),
      apply: (bytes, etag, url) => this.exclusive(async () => (await this.accept(bytes, this.originFor(url, etag))).check),
      record: (check) => this.exclusive(() => this.recordCheck(check)),
    });
  }

  /** Reads the OS policy and what is stored; the stored profile is verified again, as if imported. Runs once. */
  load(): Promise<void> {
    this.loaded ??= this.exclusive(async () => {
      this.policy = await this.readPolicy();
      const stored = await this.profileStore.load();
      this.meta = withKeptCopy(stored.meta, stored.kept);
      const userProblems = await this.userStore.load();
      this.storageProblems = [...stored.problems, ...userProblems].map((line) => problemReport('profiles.storage', line));
      await this.adoptStored(stored);
      this.emitChanged();
    });
    return this.loaded;
  }

  /** Loads, then polls the profile URL now and every interval. */
  async start(): Promise<void> {
    await this.load();
    this.poller.start();
  }

  stop(): void {
    this.poller.stop();
  }

  /** Polls now, e.g. when the network changed; undefined when there is no profile URL. */
  async checkNow(): Promise<LastCheck | undefined> {
    await this.load();
    return this.poller.checkNow();
  }

  /** Reads the OS policy again (new trusted keys, URL or forced values). */
  async reloadPolicy(): Promise<void> {
    await this.load();
    await this.exclusive(async () => {
      this.policy = await this.readPolicy();
      this.emitChanged();
    });
  }

  active(): ActiveProfileInfo | null {
    if (!this.current) return null;
    const { profile, keyId, source } = this.current;
    return { profile, keyId, source, lastCheck: this.meta.lastCheck ?? null };
  }

  summary(): ProfileSummary | null {
    if (!this.current) return null;
    const { profile, keyId, source } = this.current;
    const { organization, id, serial, issuedAt, expiresAt } = profile;
    return { organization: organization.name, id, serial, issuedAt, expiresAt, keyId, source, lastCheck: this.meta.lastCheck ?? null };
  }

  effective(): EffectiveConfiguration {
    return computeEffective(this.layers());
  }

  effectiveView(): EffectiveConfigView {
    return this.effective();
  }

  state(): ProfilesState {
    return {
      current: this.summary(),
      effective: this.effectiveView(),
      lastCheck: this.meta.lastCheck ?? null,
      problems: [
        ...this.storageProblems,
        ...this.policy.problems.map((line) => problemReport('profiles.policy-ignored', line)),
        ...this.verifier.keyProblems().map((line) => problemReport('profiles.trusted-key-unreadable', line)),
      ],
      offered: this.offered,
    };
  }

  async importBytes(bytes: Uint8Array, source: ProfileSource = 'file'): Promise<ImportOutcome> {
    await this.load();
    return this.exclusive(async () => (await this.accept(bytes, { source })).outcome);
  }

  /** Fetches a profile once and, when it applies, polls that URL from then on. */
  async importFromUrl(url: string, source: 'url' | 'link' = 'url'): Promise<ImportOutcome> {
    const fetched = await this.fetchOnce(url, source);
    if (!fetched.ok) return fetched;
    return this.exclusive(async () => (await this.accept(fetched.bytes, fetched.origin)).outcome);
  }

  /** Verifies a profile without installing it; `installPreview` installs it, `discardPreview` forgets it. */
  async previewBytes(bytes: Uint8Array, source: ProfileSource = 'file'): Promise<PreviewOutcome> {
    await this.load();
    return this.exclusive(() => this.hold(bytes, { source }));
  }

  async previewFromUrl(url: string, source: 'url' | 'link' = 'url'): Promise<PreviewOutcome> {
    const fetched = await this.fetchOnce(url, source);
    if (!fetched.ok) return fetched;
    return this.exclusive(() => this.hold(fetched.bytes, fetched.origin));
  }

  /**
   * A profile handed to Scrivania from outside (a scrivania:// link, a file the OS opened with it) is verified and
   * offered in the window, never installed before the employee has seen who issued it.
   */
  async offerFromUrl(url: string): Promise<PreviewOutcome> {
    return this.offer(await this.previewFromUrl(url, 'link'));
  }

  async offerBytes(bytes: Uint8Array): Promise<PreviewOutcome> {
    return this.offer(await this.previewBytes(bytes, 'file'));
  }

  /** Installs exactly the bytes that were previewed, verified again: keys, policy or the active serial may have moved. */
  async installPreview(previewId: string): Promise<ImportOutcome> {
    await this.load();
    return this.exclusive(async () => {
      const held = this.livePreview(previewId);
      if (!held)
        return {
          ok: false,
          kind: 'refused',
          reason: `no profile preview ${previewId}: it expired or was discarded`,
          problem: problem('profiles.preview-gone'),
        };
      this.forgetPreview(previewId);
      return (await this.accept(held.bytes, held.origin)).outcome;
    });
  }

  /** "This is not my organisation": the preview is forgotten and nothing is installed. */
  async discardPreview(previewId: string): Promise<boolean> {
    await this.load();
    return this.exclusive(async () => {
      const held = this.previews.has(previewId);
      if (held)
        this.log.info('profile preview discarded by the employee', { organization: this.previews.get(previewId)?.preview.organization });
      this.forgetPreview(previewId);
      return held;
    });
  }

  /** The employee's own value at a JSON pointer; `undefined` goes back to the default. Locked pointers are refused. */
  async setUserValue(pointer: string, value: unknown): Promise<ChangeOutcome> {
    await this.load();
    return this.exclusive(async () => {
      let invalid: string | undefined;
      const saved = await this.userStore.setValue(pointer, value, (userValues) => {
        invalid = this.introducedError(userValues);
        return invalid;
      });
      if (!saved.ok) {
        const lock = saved.locked === true ? findLock(this.locks(), pointer)?.lock : undefined;
        const told =
          lock === undefined
            ? problem('profiles.setting-invalid')
            : lock.by === 'policy'
              ? problem('profiles.locked-by-policy')
              : problem('profiles.locked-by-profile', { organization: lock.organization });
        return { ok: false, locked: saved.locked === true, reason: saved.reason, problem: told };
      }
      this.emitChanged();
      return { ok: true };
    });
  }

  /** What the employee typed for one of the profile's userFields; an empty value clears it. */
  async setUserField(key: string, value: string): Promise<ChangeOutcome> {
    await this.load();
    return this.exclusive(async () => {
      const field = this.current?.profile.userFields.find((candidate) => candidate.key === key);
      if (!field)
        return this.current
          ? {
              ok: false,
              locked: false,
              reason: `the active profile has no user field "${key}"`,
              problem: problem('profiles.user-field-unknown'),
            }
          : {
              ok: false,
              locked: false,
              reason: 'no profile is active, so there are no user fields to fill',
              problem: problem('profiles.no-profile'),
            };
      if (value !== '' && field.pattern !== undefined && !new RegExp(`^(?:${field.pattern})$`, 'u').test(value)) {
        return {
          ok: false,
          locked: false,
          reason: `${field.label.en}: the value does not have the expected form (${field.pattern})`,
          problem: problem('profiles.user-field-invalid', { en: field.label.en, it: field.label.it }),
        };
      }
      const saved = await this.userStore.setField(key, value);
      if (!saved.ok) return { ok: false, locked: false, reason: saved.reason, problem: problem('profiles.not-stored') };
      this.emitChanged();
      return { ok: true };
    });
  }

  private layers() {
    const inputs = { userValues: this.userStore.userValues(), userFields: this.userStore.userFields(), forced: this.policy.policy.forced };
    const withDefaults = this.ports.builtInDefaults ? { ...inputs, builtIn: this.ports.builtInDefaults } : inputs;
    return this.current ? { ...withDefaults, profile: this.current.profile } : withDefaults;
  }

  private locks() {
    return computeLocks(this.policy.policy.forced, this.current?.profile);
  }

  /** A change is refused only for problems it introduces, not for ones a policy value already causes. */
  private introducedError(nextUserValues: Record<string, unknown>): string | undefined {
    const locks = this.locks();
    const problemsBefore: string[] = [];
    const problemsAfter: string[] = [];
    const before = ConfigSections.safeParse(mergeLayers(this.layers(), locks, problemsBefore));
    const after = ConfigSections.safeParse(mergeLayers({ ...this.layers(), userValues: nextUserValues }, locks, problemsAfter));
    const unappliable = problemsAfter.find((problem) => !problemsBefore.includes(problem));
    if (unappliable) return unappliable.replace(/^user setting: /, '');
    if (after.success || !before.success) return undefined;
    return formatSchemaError(after.error, 'config');
  }

  /** The active profile's serial, or the last one applied when that profile was lost or expired. */
  private rollbackFloor(): ActiveProfileMarker | undefined {
    if (this.current) return { serial: this.current.profile.serial, digest: this.current.digest };
    if (this.meta.activeSerial !== undefined) return { serial: this.meta.activeSerial, digest: this.meta.activeDigest ?? '' };
    return undefined;
  }

  /** The policy's profile URL wins over one the employee imported from, which wins over the built-in one. */
  private pollTarget(): PollTarget | undefined {
    const policyUrl = this.policy.policy.profileUrl;
    const url =
      policyUrl ?? (this.meta.source === 'url' || this.meta.source === 'link' ? this.meta.url : undefined) ?? this.ports.defaultProfileUrl;
    if (url === undefined) return undefined;
    // Without an active profile a 304 would leave the employee unconfigured: ask for the whole file.
    return this.current && this.meta.url === url && this.meta.etag !== undefined ? { url, etag: this.meta.etag } : { url };
  }

  private originFor(url: string, etag: string | undefined): Origin {
    const source: ProfileSource = url === this.policy.policy.profileUrl ? 'policy' : this.meta.source === 'link' ? 'link' : 'url';
    return etag === undefined ? { source, url } : { source, url, etag };
  }

  /** The stored profile verified again; when it no longer verifies or cannot be read, the last good copy instead. */
  private async adoptStored(stored: StoredProfile): Promise<void> {
    const result = stored.bytes ? this.verifier.verify(stored.bytes) : undefined;
    if (result?.ok) {
      this.current = { profile: result.profile, keyId: result.keyId, digest: result.digest, source: this.meta.source ?? 'file' };
      // A profile stored before copies were kept, or a kept copy that was damaged: keep one now.
      if (stored.bytes && stored.kept?.digest !== result.digest) await this.keepCopy(stored.bytes);
      return;
    }
    const why = result
      ? `the stored profile was not applied: ${result.reason}`
      : stored.profileUnreadable
        ? (stored.problems[0] ?? 'profile.signed.json is unreadable')
        : 'profile.signed.json is missing';
    if (stored.kept && (await this.adoptKeptCopy(stored.kept, why))) return;
    if (!result) return;
    this.storageProblems.push(problemReport('profiles.stored-not-applied', why));
    this.log.warn('stored profile not applied', { reason: result.reason, lastGoodCopy: stored.kept ? 'not usable' : 'none' });
  }

  private async adoptKeptCopy(kept: KeptProfile, why: string): Promise<boolean> {
    const bytes = keptBytes(kept);
    const result = this.verifier.verify(bytes);
    if (!result.ok) {
      this.log.warn('last good profile not usable either', { reason: result.reason, serial: kept.serial });
      return false;
    }
    this.current = { profile: result.profile, keyId: result.keyId, digest: result.digest, source: kept.source };
    // The server's ETag names the file that was damaged here: the next poll asks for the whole profile again.
    const { etag: _damagedFilesEtag, ...meta } = this.meta;
    this.meta = meta;
    await this.saveMeta();
    try {
      await this.profileStore.restoreProfile(bytes);
    } catch (error) {
      this.log.warn('could not put the last good profile back in place', { reason: oneLineMessageOf(error) });
    }
    const fetching = this.pollTarget() !== undefined;
    const damagedFile = (report: ProblemReport) => report.code === 'profiles.storage' && report.detail.startsWith('profile.signed.json');
    this.storageProblems = this.storageProblems.filter((report) => !damagedFile(report));
    this.storageProblems.push(
      problemReport(
        fetching ? 'profiles.last-good-fetching' : 'profiles.last-good-used',
        `${why}; using the last good profile, serial ${kept.serial}, kept ${kept.keptAt}`,
        { date: kept.keptAt },
      ),
    );
    this.log.warn('stored profile damaged: using the last good copy', {
      reason: why,
      serial: kept.serial,
      keptAt: kept.keptAt,
      refetching: fetching,
    });
    return true;
  }

  private async keepCopy(bytes: Uint8Array): Promise<void> {
    try {
      await this.profileStore.saveProfile(bytes, this.activeMeta(), this.clock());
    } catch (error) {
      this.log.warn('could not keep a copy of the profile', { reason: oneLineMessageOf(error) });
    }
  }

  /** The metadata with the active profile's serial and digest, which the kept copy repeats. */
  private activeMeta(): ProfileMeta {
    if (!this.current) return this.meta;
    const { serial } = this.current.profile;
    return { ...this.meta, source: this.meta.source ?? this.current.source, activeSerial: serial, activeDigest: this.current.digest };
  }

  /** Verifies and, when good and new, stores and applies; records the outcome either way. */
  private async accept(bytes: Uint8Array, origin: Origin): Promise<{ check: LastCheck; outcome: ImportOutcome }> {
    const at = this.clock().toISOString();
    const result = this.verifier.verify(bytes);
    if (!result.ok) {
      this.log.warn('profile refused', { source: origin.source, reason: result.reason });
      const check: LastCheck = { at, result: 'refused', reason: result.reason, problem: result.problem };
      await this.recordCheck(check);
      return { check, outcome: { ok: false, kind: 'refused', reason: result.reason, problem: result.problem } };
    }
    const fromUrl = origin.url === undefined ? {} : { source: origin.source, url: origin.url, etag: origin.etag };
    if (result.alreadyActive && this.current) {
      const check: LastCheck = { at, result: 'already-active' };
      this.storageProblems = this.storageProblems.filter((report) => !STORED_PROFILE_CODES.has(report.code));
      this.meta = withoutUndefined({ ...this.meta, ...fromUrl, lastCheck: check });
      await this.saveMeta();
      this.emitChanged();
      return { check, outcome: { ok: true, summary: this.summary() as ProfileSummary, alreadyActive: true } };
    }
    const check: LastCheck = { at, result: 'applied' };
    const meta = withoutUndefined({
      source: origin.source,
      url: origin.url,
      etag: origin.etag,
      lastCheck: check,
      activeSerial: result.profile.serial,
      activeDigest: result.digest,
    });
    try {
      await this.profileStore.saveProfile(bytes, meta, this.clock());
    } catch (error) {
      const reason = `could not store the profile: ${oneLineMessageOf(error)}`;
      const failed: LastCheck = { at, result: 'failed', reason, problem: problem('profiles.not-stored') };
      await this.recordCheck(failed);
      return { check: failed, outcome: { ok: false, kind: 'failed', reason, problem: problem('profiles.not-stored') } };
    }
    this.meta = meta;
    this.current = { profile: result.profile, keyId: result.keyId, digest: result.digest, source: origin.source };
    this.storageProblems = this.storageProblems.filter((report) => !STORED_PROFILE_CODES.has(report.code));
    this.log.info('profile applied', { id: result.profile.id, serial: result.profile.serial, keyId: result.keyId, source: origin.source });
    this.emitChanged();
    return { check, outcome: { ok: true, summary: this.summary() as ProfileSummary, alreadyActive: false } };
  }

  /** One GET of a profile address the employee or a link gave; a failure is recorded as the last check. */
  private async fetchOnce(url: string, source: 'url' | 'link'): Promise<{ ok: true; bytes: Uint8Array; origin: Origin } | NotDone> {
    await this.load();
    const refused = refuseUrl(url);
    if (refused) return { ok: false, kind: 'refused', ...refused };
    const fetched = await fetchProfile(this.ports.fetch ?? fetch, url, { timeoutMs: this.ports.requestTimeoutMs ?? 15_000 });
    if (fetched.status === 'ok')
      return { ok: true, bytes: fetched.bytes, origin: fetched.etag === undefined ? { source, url } : { source, url, etag: fetched.etag } };
    const failure =
      fetched.status === 'failed'
        ? { reason: fetched.reason, problem: fetched.problem }
        : {
            reason: `GET ${redactUrl(url)}: unexpected 304 Not Modified`,
            problem: problem('profiles.server-error', { host: new URL(url).host, status: 304 }),
          };
    this.log.warn('profile not fetched', { source, reason: failure.reason });
    await this.exclusive(() => this.recordCheck({ at: this.clock().toISOString(), result: 'failed', ...failure }));
    return { ok: false, kind: 'failed', ...failure };
  }

  /** Verifies and keeps the bytes for `installPreview`; a refusal is recorded like an import's. */
  private async hold(bytes: Uint8Array, origin: Origin): Promise<PreviewOutcome> {
    const result = this.verifier.verify(bytes);
    if (!result.ok) {
      this.log.warn('profile refused', { source: origin.source, reason: result.reason });
      await this.recordCheck({ at: this.clock().toISOString(), result: 'refused', reason: result.reason, problem: result.problem });
      return { ok: false, kind: 'refused', reason: result.reason, problem: result.problem };
    }
    const previewId = randomUUID();
    const active = this.current ? { organization: this.current.profile.organization.name, serial: this.current.profile.serial } : undefined;
    const preview = previewOf(previewId, result, this.verifier.trustedKeys().get(result.keyId), origin.source, active);
    this.previews.set(previewId, { bytes, origin, preview, at: this.clock().getTime() });
    for (const id of [...this.previews.keys()].slice(0, Math.max(0, this.previews.size - MAX_PREVIEWS))) this.forgetPreview(id);
    this.log.info('profile previewed', { id: preview.id, serial: preview.serial, keyId: preview.keyId, source: origin.source });
    return { ok: true, preview };
  }

  private livePreview(previewId: string): HeldPreview | undefined {
    const held = this.previews.get(previewId);
    if (held && this.clock().getTime() - held.at > PREVIEW_LIFETIME_MS) {
      this.forgetPreview(previewId);
      return undefined;
    }
    return held;
  }

  private forgetPreview(previewId: string): void {
    this.previews.delete(previewId);
    if (this.offered?.previewId === previewId) {
      this.offered = null;
      this.emitChanged();
    }
  }

  private offer(outcome: PreviewOutcome): PreviewOutcome {
    if (!outcome.ok) return outcome;
    if (this.offered) this.forgetPreview(this.offered.previewId);
    this.offered = outcome.preview;
    this.emitChanged();
    return outcome;
  }

  private async recordCheck(check: LastCheck): Promise<void> {
    this.meta = { ...this.meta, lastCheck: check };
    await this.saveMeta();
    this.emitChanged();
  }

  private async saveMeta(): Promise<void> {
    try {
      await this.profileStore.saveMeta(this.meta);
    } catch (error) {
      this.log.warn('could not save profile metadata', { reason: oneLineMessageOf(error) });
    }
  }

  private async readPolicy(): Promise<PolicyReadResult> {
    if (!this.ports.readPolicy) return { policy: emptyPolicy(), sources: [], problems: [] };
    try {
      return await this.ports.readPolicy();
    } catch (error) {
      return { policy: emptyPolicy(), sources: [], problems: [`OS policy ignored: ${oneLineMessageOf(error)}`] };
    }
  }

  private emitChanged(): void {
    this.emit('changed', this.state());
  }

  /** Imports, polls and changes run one at a time, so two of them never interleave their reads and writes. */
  private exclusive<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }
}

/** What the employee is told about the stored profile; a profile applied since makes it old news. */
const STORED_PROFILE_CODES = new Set<ProblemCode>([
  'profiles.stored-not-applied',
  'profiles.last-good-used',
  'profiles.last-good-fetching',
]);

/**
 * The metadata completed from the kept copy: the higher of the two serials stays the rollback floor when the
 * metadata was lost or damaged, and where the profile came from is known again.
 */
const withKeptCopy = (meta: ProfileMeta, kept: KeptProfile | undefined): ProfileMeta => {
  if (!kept) return meta;
  const floor =
    meta.activeSerial !== undefined && meta.activeSerial >= kept.serial
      ? withoutUndefined({ activeSerial: meta.activeSerial, activeDigest: meta.activeDigest })
      : { activeSerial: kept.serial, activeDigest: kept.digest };
  const origin = meta.source === undefined ? withoutUndefined({ source: kept.source, url: kept.url }) : {};
  return { ...meta, ...origin, ...floor };
};

const withoutUndefined = <T extends object>(value: T): T =>
  Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined)) as T;
