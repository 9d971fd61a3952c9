import { z } from 'zod';
import { FeatureState, PhonePreferences } from '../../../common/contract/phone';
import { StoredJsonFile } from '../storage/atomic-file';

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
  private readonly stored: StoredJsonFile<PhoneState>;

  constructor(file: string) {
    this.stored = new StoredJsonFile(file, PhoneState, 'the phone settings file did not match what this version expects and was ignored');
  }

  /** The stored state, or the defaults with one line saying why the file was ignored. */
  async load(): Promise<{ state: PhoneState; problem?: string }> {
    const { value, problem } = await this.stored.load();
    return problem === undefined ? { state: value ?? defaultPhoneState() } : { state: defaultPhoneState(), problem };
  }

  save(state: PhoneState): Promise<void> {
    return this.stored.save(state);
  }
}
