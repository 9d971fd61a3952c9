import { join } from 'node:path';
import { z } from 'zod';
import { isSecretId, isSecretScopeKey, SecretId, SecretScopeKey, type SecretScopes } from '../../../common/contract/credentials';
import { Emitter } from '../../../common/emitter';
import { oneLineMessageOf } from '../../../common/error-message';
import type { Logger } from '../logging/logger';
import type { Profiles } from '../provisions';
import { StoredJsonFile } from '../storage/atomic-file';
import { scopedAccount, scopeOfOrganization, type SecretScope } from './secret-scope';
import { checkBareSecretId, type KeychainAvailability, type SecretStore } from './secret-store';

/** What the scoping needs of the profiles: when they are loaded, whose profile is active, and which calendars it has. */
export type ActiveProfileSource = Pick<Profiles, 'load' | 'summary' | 'effective' | 'on'>;

export interface OrganisationSecretsPorts {
  /** The keychain itself, which takes scoped accounts. */
  keychain: SecretStore;
  profiles: ActiveProfileSource;
  /** Where the record of each scope's secret ids (never the secrets) and of the migration is kept. */
  dataDir: string;
  log: Logger;
  clock?: () => number;
}

const FIXED_IDS: readonly SecretId[] = ['phone', 'office-pc', 'vpn'];
/** The ids meetings-service gives the employee's own calendars (at most 20 of them). */
const OWN_CALENDAR_IDS: readonly SecretId[] = Array.from({ length: 20 }, (_, index) => `calendar:user-${index + 1}` as const);
/** After a failed migration (no keychain yet, a locked one), the next secret call tries again, at most this often. */
const MIGRATION_RETRY_MS = 30_000;

const ScopeRecord = z.object({ organization: z.string().nullable(), ids: z.array(SecretId) });
const IndexFile = z.object({
  version: z.literal(1),
  /** The one-time move of the unscoped entries of earlier versions; absent until it has succeeded. */
  migration: z.object({ at: z.string(), scope: SecretScopeKey, moved: z.array(SecretId), kept: z.array(SecretId) }).optional(),
  scopes: z.record(z.string(), ScopeRecord),
});
type IndexFile = z.infer<typeof IndexFile>;

/**
 * The secrets of the active profile's organisation: every id the rest of main names (`phone`, `calendar:team`) is
 * kept under the keychain account `<scope>/<id>` of the organisation whose profile is active now (secret-scope.ts),
 * so another organisation's profile neither reads nor overwrites them, and switching back finds them again.
 *
 * Before this, entries were kept under the bare id. At the first start they are moved, once, to the scope of the
 * profile active then (read, write scoped, read back, delete the old one); a failure leaves the old entries where
 * they are and is tried again later. The record of which ids each scope holds lets a scope be removed whole, since
 * the keychain is deliberately never listed.
 */
export class OrganisationSecrets extends Emitter<{ scopes: SecretScopes }> implements SecretStore {
  private readonly file: StoredJsonFile<IndexFile>;
  private readonly clock: () => number;
  private index: IndexFile = { version: 1, scopes: {} };
  private loading: Promise<void> | undefined;
  private migrating: Promise<void> | undefined;
  private migrationRetryAt = 0;
  private announced: SecretScope['key'] | undefined;
  private stopWatching: (() => void) | undefined;

  constructor(private readonly ports: OrganisationSecretsPorts) {
    super();
    this.file = new StoredJsonFile(join(ports.dataDir, 'credentials', 'organisation-secrets.json'), IndexFile);
    this.clock = ports.clock ?? Date.now;
  }

  /** Migrates if needed, announces the scopes, and follows profile changes from then on. */
  async start(): Promise<void> {
    await this.ready();
    this.stopWatching ??= this.ports.profiles.on('changed', () => this.announceIfMoved());
    this.announced = this.active().key;
    this.emit('scopes', this.view());
  }

  stop(): void {
    this.stopWatching?.();
    this.stopWatching = undefined;
  }

  availability(): Promise<KeychainAvailability> {
    return this.ports.keychain.availability();
  }

  async get(id: SecretId): Promise<string | null> {
    const bare = checkBareSecretId(id);
    const scope = await this.scope();
    return this.ports.keychain.get(scopedAccount(scope.key, bare));
  }

  async set(id: SecretId, secret: string): Promise<void> {
    const bare = checkBareSecretId(id);
    const scope = await this.scope();
    await this.ports.keychain.set(scopedAccount(scope.key, bare), secret);
    await this.record(scope, [bare], []);
  }

  async delete(id: SecretId): Promise<boolean> {
    const bare = checkBareSecretId(id);
    const scope = await this.scope();
    const deleted = await this.ports.keychain.delete(scopedAccount(scope.key, bare));
    await this.record(scope, [], [bare]);
    return deleted;
  }

  /** The active organisation and the others that still have passwords in the keychain. */
  async scopes(): Promise<SecretScopes> {
    await this.ready();
    return this.view();
  }

  /**
   * Deletes every secret recorded for the scope (and the fixed ids, in case a record was lost); the count of
   * entries that were there. A failure keeps the record of what is left, so removing again finishes the job.
   */
  async forgetScope(key: SecretScopeKey): Promise<number> {
    await this.ready();
    const recorded = this.index.scopes[key];
    const scope: SecretScope = { key, organization: recorded?.organization ?? null };
    const ids = [...new Set([...(recorded?.ids ?? []), ...FIXED_IDS])];
    let removed = 0;
    const gone: SecretId[] = [];
    try {
      for (const id of ids) {
        if (await this.ports.keychain.delete(scopedAccount(key, id))) removed += 1;
        gone.push(id);
      }
    } finally {
      await this.record(scope, [], gone);
      this.ports.log.info('secrets of a scope removed', { scope: key, removed, of: ids.length });
    }
    return removed;
  }

  private async scope(): Promise<SecretScope> {
    await this.ready();
    return this.active();
  }

  private active(): SecretScope {
    return scopeOfOrganization(this.ports.profiles.summary()?.organization);
  }

  /** The profiles and the record are read once; the migration runs until it has succeeded once. */
  private async ready(): Promise<void> {
    this.loading ??= this.load();
    await this.loading;
    if (this.index.migration || this.clock() < this.migrationRetryAt) return;
    this.migrating ??= this.migrate().finally(() => (this.migrating = undefined));
    await this.migrating;
  }

  private async load(): Promise<void> {
    await this.ports.profiles.load();
    const stored = await this.file.load();
    if (stored.problem) this.ports.log.warn('record of organisation secrets ignored', { reason: stored.problem });
    if (stored.value) this.index = stored.value;
  }

  private async migrate(): Promise<void> {
    const scope = this.active();
    const calendars = this.ports.profiles.effective().config.calendars.map((calendar) => `calendar:${calendar.id}`);
    const candidates = [...new Set([...FIXED_IDS, ...calendars, ...OWN_CALENDAR_IDS])].filter(isSecretId);
    const moved: SecretId[] = [];
    const kept: SecretId[] = [];
    try {
      for (const id of candidates) {
        const secret = await this.ports.keychain.get(id);
        if (secret === null) continue;
        const account = scopedAccount(scope.key, id);
        // Someone already saved one for this organisation: theirs is newer, and the old entry stays untouched.
        if ((await this.ports.keychain.get(account)) !== null) {
          kept.push(id);
          continue;
        }
        await this.ports.keychain.set(account, secret);
        if ((await this.ports.keychain.get(account)) !== secret) throw new Error(`${account} read back differently from what was written`);
        await this.ports.keychain.delete(id);
        moved.push(id);
      }
    } catch (error) {
      this.migrationRetryAt = this.clock() + MIGRATION_RETRY_MS;
      if (moved.length > 0) await this.record(scope, moved, []);
      this.ports.log.warn('secrets of the earlier layout not moved yet: the old entries stay', {
        scope: scope.key,
        moved,
        reason: oneLineMessageOf(error),
      });
      return;
    }
    this.index = {
      ...withIds(this.index, scope, moved, []),
      migration: { at: new Date(this.clock()).toISOString(), scope: scope.key, moved, kept },
    };
    await this.save();
    this.ports.log.info('secrets of the earlier layout moved to the active organisation', { scope: scope.key, moved, kept });
  }

  private async record(scope: SecretScope, added: readonly SecretId[], removed: readonly SecretId[]): Promise<void> {
    this.index = withIds(this.index, scope, added, removed);
    await this.save();
    if (this.announced !== undefined) this.emit('scopes', this.view());
  }

  /** The record only helps remove a scope later; failing to write it never fails the keychain call that succeeded. */
  private async save(): Promise<void> {
    try {
      await this.file.save(this.index);
    } catch (error) {
      this.ports.log.warn('record of organisation secrets not written', { reason: oneLineMessageOf(error) });
    }
  }

  private announceIfMoved(): void {
    const active = this.active();
    if (this.announced === undefined || active.key === this.announced) return;
    this.ports.log.info('secrets now those of another organisation', { from: this.announced, to: active.key });
    this.announced = active.key;
    this.emit('scopes', this.view());
  }

  private view(): SecretScopes {
    const active = this.active();
    const entry = (key: string, organization: string | null) => ({
      scope: key as SecretScopeKey,
      organization,
      saved: this.index.scopes[key]?.ids.length ?? 0,
    });
    return {
      active: entry(active.key, active.organization),
      others: Object.entries(this.index.scopes)
        .filter(([key, record]) => isSecretScopeKey(key) && key !== active.key && record.ids.length > 0)
        .map(([key, record]) => entry(key, record.organization))
        .sort((a, b) => (a.organization ?? '').localeCompare(b.organization ?? '')),
    };
  }
}

const withIds = (index: IndexFile, scope: SecretScope, added: readonly SecretId[], removed: readonly SecretId[]): IndexFile => {
  const before = index.scopes[scope.key];
  const ids = [...new Set([...(before?.ids ?? []), ...added])].filter((id) => !removed.includes(id));
  const organization = scope.organization ?? before?.organization ?? null;
  const scopes = { ...index.scopes };
  if (ids.length === 0) delete scopes[scope.key];
  else scopes[scope.key] = { organization, ids };
  return { ...index, scopes };
};
