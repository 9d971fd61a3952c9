import { join } from 'node:path';
import { z } from 'zod';
import { isSameOrAncestor, parsePointer } from '../../../common/profiles/json-pointer';
import { JsonPointer, USER_FIELD_KEY } from '../../../common/profiles/profile-schema';
import { StoredJsonFile } from '../storage/atomic-file';
import { canonicalJson } from './canonical-json';
import { findLock, type LockMap } from '../../../common/profiles/locks';
import { describeLock } from './effective-config';
import { withoutReservedKeys } from '../storage/safe-json';
import { oneLineMessageOf } from '../../../common/error-message';

const UserSettingsFile = z.preprocess(
  withoutReservedKeys,
  z.object({
    values: z.record(JsonPointer, z.unknown()).default({}),
    fields: z.record(z.string().regex(USER_FIELD_KEY), z.string()).default({}),
  }),
);
type UserSettingsFile = z.infer<typeof UserSettingsFile>;

export type SetResult = { ok: true } | { ok: false; reason: string; locked?: boolean };

/** Checks the user's values as they would be after a change; a one-line reason refuses the change. */
export type UserValuesCheck = (next: Record<string, unknown>) => string | undefined;

/** The employee's own choices: values at JSON pointers, and what they typed into the profile's userFields. */
export class UserSettingsStore {
  readonly file: string;
  private readonly stored: StoredJsonFile<UserSettingsFile>;
  private values = new Map<string, unknown>();
  private fields = new Map<string, string>();

  /** `locks` is asked on every change, so a lock added by a new profile or policy applies at once. */
  constructor(
    dataDir: string,
    private readonly locks: () => LockMap,
  ) {
    this.file = join(dataDir, 'user-settings.json');
    this.stored = new StoredJsonFile(this.file, UserSettingsFile);
  }

  /** Reads the file, or its last good copy when it is damaged; what went wrong is one line each. */
  async load(): Promise<string[]> {
    const { value, problem } = await this.stored.load();
    if (value) {
      this.values = new Map(Object.entries(value.values));
      this.fields = new Map(Object.entries(value.fields));
    }
    return problem === undefined ? [] : [problem];
  }

  userValues(): Record<string, unknown> {
    return Object.fromEntries(this.values);
  }

  userFields(): Record<string, string> {
    return Object.fromEntries(this.fields);
  }

  /**
   * Sets the employee's value at `pointer`, replacing any values below it; `undefined` removes it and everything
   * below, back to the profile's or the built-in default. A locked pointer is refused, and so is a change `check`
   * finds fault with.
   */
  async setValue(pointer: string, value: unknown, check?: UserValuesCheck): Promise<SetResult> {
    const parsed = parsePointer(pointer);
    if (!parsed.ok) return { ok: false, reason: parsed.reason };
    const lock = findLock(this.locks(), pointer);
    if (lock) return { ok: false, locked: true, reason: describeLock(pointer, lock) };

    const next = new Map([...this.values].filter(([existing]) => !isSameOrAncestor(pointer, existing)));
    if (value !== undefined) {
      const clean = withoutReservedKeys(value);
      try {
        canonicalJson(clean);
      } catch (error) {
        return { ok: false, reason: `${pointer}: the value is not JSON data (${oneLineMessageOf(error)})` };
      }
      next.set(pointer, clean);
    }
    const invalid = check?.(Object.fromEntries(next));
    if (invalid) return { ok: false, reason: invalid };
    return this.save(next, this.fields);
  }

  /** An empty value removes what was typed. Checking the value against the profile is the caller's job. */
  async setField(key: string, value: string): Promise<SetResult> {
    if (!USER_FIELD_KEY.test(key)) return { ok: false, reason: `"${key}" is not a user field key` };
    const next = new Map(this.fields);
    if (value === '') next.delete(key);
    else next.set(key, value);
    return this.save(this.values, next);
  }

  private async save(values: Map<string, unknown>, fields: Map<string, string>): Promise<SetResult> {
    const body = { values: Object.fromEntries(values), fields: Object.fromEntries(fields) };
    try {
      await this.stored.save(body);
    } catch (error) {
      return { ok: false, reason: `could not save ${this.file}: ${oneLineMessageOf(error)}` };
    }
    this.values = values;
    this.fields = fields;
    return { ok: true };
  }
}
