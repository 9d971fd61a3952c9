import { z } from 'zod';
import { FeatureState, PhonePreferences } from '../../../common/contract/phone';
import { readStoredJson, removeStaleTempFiles, writeFileAtomic } from '../storage/atomic-file';

/** What the phone remembers between runs besides the history: preferences, the features last set, what was seen. */
export const PhoneState = z.object({
  preferences: PhonePreferences,
  features: FeatureState,
  /** Missed calls that started at or before this instant have been seen. */
  missedSeenUntil: z.iso.datetime({ offset: true }).optional(),
});
export type PhoneState = z.infer<typeof PhoneState>;

export const defaultPhoneState = (): PhoneState => ({
  preferences: { signIn: false },
  features: { dnd: false, forwardTo: null, groups: {} },
});

export class PhoneStateStore {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly file: string) {}

  /** The stored state, or the defaults with one line saying why the file was ignored. */
  async load(): Promise<{ state: PhoneState; problem?: string }> {
    await removeStaleTempFiles(this.file);
    const stored = await readStoredJson(this.file);
    if (stored.status === 'absent') return { state: defaultPhoneState() };
    if (stored.status === 'corrupt') return { state: defaultPhoneState(), problem: stored.reason };
    const parsed = PhoneState.safeParse(stored.value);
    if (!parsed.success)
      return { state: defaultPhoneState(), problem: 'the phone settings file did not match what this version expects and was ignored' };
    return { state: parsed.data };
  }

  save(state: PhoneState): Promise<void> {
    const next = this.queue.then(() => writeFileAtomic(this.file, `${JSON.stringify(state, null, 2)}\n`));
    this.queue = next.catch(() => undefined);
    return next;
  }
}
