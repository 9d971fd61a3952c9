import { describe, expect, it } from 'vitest';
import { divertedCall, registeredPhone, settle } from './fake-phone';

const answeredCall = async () => {
  const phone = await registeredPhone();
  const call = phone.agent().ring(divertedCall());
  phone.phone.answer(call.id);
  return { ...phone, call };
};

describe('a blind transfer', () => {
  it('refers the caller to the colleague and leaves the call once the colleague answered', async () => {
    const { phone, call, view, store, api } = await answeredCall();
    const transferring = phone.transfer(call.id, '2042');
    expect(call.referredTo).toBe('sip:2042@127.0.0.1');
    await transferring;
    expect(view(call.id)).toBeUndefined();
    expect(store.getState().notice).toBeUndefined();
    expect(api.requests('phone.recordCall')).toMatchObject([{ number: '3001', outcome: 'answered' }]);
  });

  it('that failed keeps the call and says why', async () => {
    const { phone, call, view, store } = await answeredCall();
    call.transferOutcome = { ok: false, reason: '486 Busy Here' };
    await phone.transfer(call.id, '2042');
    expect(view(call.id)).toMatchObject({ state: 'active', transferring: false });
    expect(store.getState().notice).toEqual({ problem: { code: 'phone.transfer-failed' }, detail: '486 Busy Here' });
  });

  it('to something that is not a number is not tried', async () => {
    const { phone, call, store } = await answeredCall();
    await phone.transfer(call.id, 'not a number');
    expect(call.referredTo).toBeUndefined();
    expect(store.getState().notice?.problem).toEqual({ code: 'phone.not-a-number', params: { input: 'not a number' } });
  });
});

describe('an attended transfer', () => {
  const consulting = async () => {
    const phone = await answeredCall();
    phone.phone.consult(phone.call.id, '2042');
    const consultation = phone.agent().placed[0];
    if (!consultation) throw new Error('no consultation call was placed');
    consultation.farEndAnswers();
    return { ...phone, consultation };
  };

  it('holds the caller, calls the colleague, then joins them with Replaces and leaves both calls', async () => {
    const { phone, call, consultation, view, store } = await consulting();
    expect(view(call.id)?.state).toBe('held');
    expect(view(consultation.id)).toMatchObject({ state: 'active', number: '2042', consultationFor: call.id });

    await phone.completeTransfer(consultation.id);
    expect(call.replacing).toBe(consultation);
    expect(consultation.actions).toContain('hangUp');
    expect(store.getState().calls).toEqual([]);
  });

  it('whose colleague hangs up before it is completed: the caller stays held, to be resumed', async () => {
    const { phone, call, consultation, view, store } = await consulting();
    consultation.farEndHangsUp();
    expect(store.getState().calls.map((shown) => shown.id)).toEqual([call.id]);
    expect(view(call.id)?.state).toBe('held');

    await phone.completeTransfer(consultation.id);
    expect(call.replacing).toBeUndefined();
    phone.setHeld(call.id, false);
    expect(view(call.id)?.state).toBe('active');
  });

  it('whose colleague hangs up while it is being completed: the caller stays, and the card says why', async () => {
    const { phone, call, consultation, view, store } = await consulting();
    call.transferOutcome = { ok: false, reason: '481 Call/Transaction Does Not Exist' };
    const completing = phone.completeTransfer(consultation.id);
    expect(view(call.id)?.transferring).toBe(true);
    consultation.farEndHangsUp();
    await completing;
    expect(view(call.id)).toMatchObject({ state: 'held', transferring: false });
    expect(store.getState().notice).toEqual({ problem: { code: 'phone.transfer-failed' }, detail: '481 Call/Transaction Does Not Exist' });
  });

  it('whose caller hangs up meanwhile: the consultation goes on as an ordinary call', async () => {
    const { call, consultation, view } = await consulting();
    call.farEndHangsUp();
    await settle();
    expect(view(consultation.id)?.consultationFor).toBeUndefined();
    expect(view(consultation.id)?.state).toBe('active');
  });
});
