import { describe, expect, it } from 'vitest';
import { ContractError } from '../../../common/contract/errors';
import { registeredPhone, settle } from './fake-phone';

describe('PBX features by feature codes', () => {
  it('do not disturb: dials the code, and once the PBX answered it is remembered and the call hung up', async () => {
    const { phone, agent, api, store, time } = await registeredPhone();
    await phone.setFeature({ feature: 'dndOn' });
    const call = agent().placed[0];
    if (!call) throw new Error('no feature call was placed');
    expect(call.remote.number).toBe('*78');
    expect(store.getState().featureBusy).toBe('dndOn');
    expect(store.getState().calls[0]?.feature).toEqual({ feature: 'dndOn' });

    call.farEndAnswers();
    await settle();
    expect(api.requests('phone.featureApplied')).toEqual([{ feature: 'dndOn' }]);
    expect(store.getState().features?.dnd).toBe(true);
    time.advance(1_200);
    expect(call.actions).toEqual(['hangUp']);
    expect(store.getState().calls).toEqual([]);
    expect(store.getState().featureBusy).toBeUndefined();
    expect(api.requests('phone.recordCall')).toEqual([]);
  });

  it('forwarding to a number, and leaving an answer group, go the same way', async () => {
    const { phone, agent, store } = await registeredPhone();
    await phone.setFeature({ feature: 'forwardOn', target: '3330001' });
    agent().placed[0]?.farEndAnswers();
    await settle();
    expect(store.getState().features?.forwardTo).toBe('3330001');
    expect(agent().placed[0]?.remote.number).toBe('*723330001');
    await phone.setFeature({ feature: 'groupLogout', group: '600' });
    expect(agent().placed[1]?.remote.number).toBe('*46600');
  });

  it('that the PBX refuses says so with its code, and nothing is remembered', async () => {
    const { phone, agent, api, store } = await registeredPhone();
    await phone.setFeature({ feature: 'dndOn' });
    agent().placed[0]?.end({ by: 'remote', cause: 'busy', code: 486 });
    expect(store.getState().featureBusy).toBeUndefined();
    expect(store.getState().notice).toEqual({ problem: { code: 'phone.feature-refused' }, detail: '486 busy' });
    expect(api.requests('phone.featureApplied')).toEqual([]);
  });

  it('that has no code in the profile says main’s problem, its line behind Details', async () => {
    const { phone, api, store, agent } = await registeredPhone();
    api.handle('phone.featureDial', () => {
      throw new ContractError('failed', 'phone.featureDial: the profile gives no code for forwarding', undefined, {
        code: 'phone.feature-not-set-up',
      });
    });
    await phone.setFeature({ feature: 'forwardOff' });
    expect(agent().placed).toEqual([]);
    expect(store.getState()).toMatchObject({
      featureBusy: undefined,
      notice: { problem: { code: 'phone.feature-not-set-up' }, detail: 'phone.featureDial: the profile gives no code for forwarding' },
    });
  });

  it('that fails without a named problem says the feature could not be set, never the English line', async () => {
    const { phone, api, store } = await registeredPhone();
    api.handle('phone.featureDial', () => {
      throw new Error('socket hang up');
    });
    await phone.setFeature({ feature: 'dndOn' });
    expect(store.getState().notice).toEqual({ problem: { code: 'phone.feature-failed' }, detail: 'socket hang up' });
  });

  it('while not signed in is not dialled', async () => {
    const { phone, agent, store } = await registeredPhone();
    agent().emit({ state: 'connecting' });
    await phone.setFeature({ feature: 'dndOff' });
    expect(store.getState().featureBusy).toBeUndefined();
    expect(store.getState().notice?.problem).toEqual({ code: 'phone.not-signed-in' });
  });
});
