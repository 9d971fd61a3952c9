import type { StoreApi } from 'zustand';
import { dialTarget } from '../../../common/phone/dial-target';
import type { CallBook, PlaceCall } from './call-book';
import type { TransferResult } from './sip/sip-agent';
import type { PhoneState } from './store';
import { shown } from '../errors/catalogue';

/** Blind transfer (REFER) and attended transfer (a consultation call, then REFER with Replaces). */
export class Transfers {
  constructor(
    private readonly store: StoreApi<PhoneState>,
    private readonly calls: CallBook,
    private readonly place: PlaceCall,
  ) {}

  async blind(id: string, input: string): Promise<void> {
    const call = this.calls.get(id);
    const domain = this.store.getState().config?.domain;
    if (!call || !domain) return;
    const target = dialTarget(input, domain);
    if (!target.ok) return this.store.setState({ notice: shown('phone.not-a-number', { input: input.slice(0, 128) }, target.reason) });
    this.calls.update(id, { transferring: true });
    const result = await call.transfer(target.uri);
    if (!result.ok) this.failed(id, result);
  }

  /** Holds the call and calls the transfer target, to talk to them first. */
  consult(id: string, input: string): void {
    const call = this.calls.get(id);
    if (!call) return;
    if (call.state() === 'active') call.setHeld(true);
    this.place(input, { consultationFor: id });
  }

  /** Joins the held call's far end with the consultation's; this phone leaves both. */
  async complete(consultationId: string): Promise<void> {
    const consultation = this.calls.view(consultationId);
    const original = consultation?.consultationFor ? this.calls.get(consultation.consultationFor) : undefined;
    const other = this.calls.get(consultationId);
    if (!original || !other) return;
    this.calls.update(original.id, { transferring: true });
    const result = await original.transferTo(other);
    if (!result.ok) return this.failed(original.id, result);
    other.hangUp();
  }

  /** The call a consultation was for has ended: the consultation is an ordinary call now. */
  ended(id: string): void {
    for (const view of this.calls.live()) if (view.consultationFor === id) this.calls.update(view.id, { consultationFor: undefined });
  }

  private failed(id: string, result: TransferResult): void {
    this.calls.update(id, { transferring: false });
    this.store.setState({ notice: shown('phone.transfer-failed', undefined, result.reason) });
  }
}
