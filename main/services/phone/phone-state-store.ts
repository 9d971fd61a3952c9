import { z } from 'zod';
import { FeatureState, PhonePreferences, type FeatureRequest } from '../../../common/contract/phone';
import { StoredJsonFile } from '../storage/atomic-file';

type FeatureName = z.infer<typeof FeatureRequest>['feature'];

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

export interface LoadedPhoneState {
  state: PhoneState;
  /** One line when the file was damaged, saying whether its last good copy was used. */
  problem?: string;
  /**
   * The file and its last good copy were both unreadable: DND and forwarding as the PBX has them are not known
   * here, so they must not be shown as off.
   */
  featuresLost?: boolean;
}

/** The features once `feature` was set on the PBX: what it sets is known again. */
export const knownAfter = (features: FeatureState, feature: FeatureName): FeatureState => {
  const set =
    feature === 'dndOn' || feature === 'dndOff' ? 'dnd' : feature === 'forwardOn' || feature === 'forwardOff' ? 'forward' : undefined;
  const { unknown, ...known } = features;
  const still = (unknown ?? []).filter((item) => item !== set);
  return still.length > 0 ? { ...known, unknown: still } : known;
};

export class PhoneStateStore {
  private readonly stored: StoredJsonFile<PhoneState>;

  constructor(file: string) {
    this.stored = new StoredJsonFile(file, PhoneState);
  }

  /** The stored state, its last good copy when the file is damaged, or the defaults with the line saying why. */
  async load(): Promise<LoadedPhoneState> {
    const { value, problem } = await this.stored.load();
    if (problem === undefined) return { state: value ?? defaultPhoneState() };
    if (value) return { state: value, problem };
    const state = defaultPhoneState();
    return { state: { ...state, features: { ...state.features, unknown: ['dnd', 'forward'] } }, problem, featuresLost: true };
  }

  save(state: PhoneState): Promise<void> {
    return this.stored.save(state);
  }
}
