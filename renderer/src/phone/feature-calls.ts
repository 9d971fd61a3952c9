import type { FeatureRequest } from '../../../common/phone/feature-codes';
import { shown, shownErrorOr } from '../errors/catalogue';
import type { CallBook, PlaceCall } from './call-book';
import type { PhonePorts } from './ports';
import type { CallEnd, SipCall } from './sip/sip-agent';
import type { Notice } from './store';

/** Long enough for the PBX to play its confirmation and apply the code before the call is hung up. */
const FEATURE_HANGUP_DELAY_MS = 1_200;

/** What failed: main's problem when it named one, else that the PBX feature could not be set. */
export const failedNotice = (error: unknown): Notice => shownErrorOr(error, 'phone.feature-failed');

/**
 * Do not disturb, forwarding and answer-group login: each is a call to the code the profile gives, hung up once the
 * PBX answered it, and only then remembered by main as set.
 */
export class FeatureCalls {
  constructor(
    private readonly ports: PhonePorts,
    private readonly calls: CallBook,
    private readonly place: PlaceCall,
  ) {}

  async set(request: FeatureRequest): Promise<void> {
    const { api, store } = this.ports;
    store.setState({ notice: undefined });
    try {
      const { dial } = await api.invoke('phone.featureDial', request);
      store.setState({ featureBusy: request.feature });
      if (!this.place(dial, { feature: request })) store.setState({ featureBusy: undefined });
    } catch (error) {
      store.setState({ featureBusy: undefined, notice: failedNotice(error) });
    }
  }

  answered(call: SipCall, feature: FeatureRequest): void {
    const { api, store } = this.ports;
    this.calls.schedule(call.id, 'feature-hang-up', FEATURE_HANGUP_DELAY_MS, () => call.hangUp());
    void api.invoke('phone.featureApplied', feature).catch((error: unknown) => store.setState({ notice: failedNotice(error) }));
  }

  /** A feature call the PBX never answered was refused: the code, or the cause, says why. */
  ended(end: CallEnd): void {
    const { store } = this.ports;
    store.setState({ featureBusy: undefined });
    if (end.answered) return;
    store.setState({ notice: shown('phone.feature-refused', undefined, [end.code, end.cause].filter(Boolean).join(' ')) });
  }
}
