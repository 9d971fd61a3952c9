import { describe, expect, it } from 'vitest';
import { dialTarget } from '../../../common/phone/dial-target';
import { featureDialString } from '../../../common/phone/feature-codes';

const codes = { dndOn: '*78', dndOff: '*79', forwardOn: '*72', forwardOff: '*73', groupLogin: '*45', groupLogout: '*46' };
const groups = [{ name: 'Polizia Municipale', number: '600' }];

describe('feature-code dial strings', () => {
  it('dials the bare code for do-not-disturb and for ending forwarding', () => {
    expect(featureDialString(codes, { feature: 'dndOn' }, groups)).toEqual({ ok: true, dial: '*78' });
    expect(featureDialString(codes, { feature: 'dndOff' }, groups)).toEqual({ ok: true, dial: '*79' });
    expect(featureDialString(codes, { feature: 'forwardOff' }, groups)).toEqual({ ok: true, dial: '*73' });
  });

  it('appends the forwarding number, as typed with spaces and dashes, digits only', () => {
    expect(featureDialString(codes, { feature: 'forwardOn', target: '0574 183-5000' }, groups)).toEqual({
      ok: true,
      dial: '*7205741835000',
    });
    expect(featureDialString(codes, { feature: 'forwardOn', target: '+39 333 1234567' }, groups)).toEqual({
      ok: true,
      dial: '*72+393331234567',
    });
  });

  it('refuses a forwarding number that is not one', () => {
    expect(featureDialString(codes, { feature: 'forwardOn', target: 'mario' }, groups)).toEqual({
      ok: false,
      reason: '"mario" is not a number to forward to: use digits, such as 0574 183 5000',
    });
  });

  it('appends the answer group’s number for login and logout, and only for the profile’s groups', () => {
    expect(featureDialString(codes, { feature: 'groupLogin', group: '600' }, groups)).toEqual({ ok: true, dial: '*45600' });
    expect(featureDialString(codes, { feature: 'groupLogout', group: '600' }, groups)).toEqual({ ok: true, dial: '*46600' });
    expect(featureDialString(codes, { feature: 'groupLogin', group: '700' }, groups)).toEqual({
      ok: false,
      reason: '"700" is not one of your answer groups',
    });
  });

  it('says which code the profile lacks', () => {
    expect(featureDialString({ dndOn: '*78' }, { feature: 'dndOff' }, groups)).toEqual({
      ok: false,
      reason: 'your profile defines no feature code for turning do-not-disturb off',
    });
  });
});

describe('what to call', () => {
  it('turns a typed number into a SIP URI on the PBX domain', () => {
    expect(dialTarget(' 0574 183-5000 ', 'pbx.example')).toEqual({ ok: true, uri: 'sip:05741835000@pbx.example', number: '05741835000' });
    expect(dialTarget('*78', 'pbx.example')).toEqual({ ok: true, uri: 'sip:*78@pbx.example', number: '*78' });
    expect(dialTarget('123#', 'pbx.example')).toEqual({ ok: true, uri: 'sip:123%23@pbx.example', number: '123#' });
  });

  it('takes tel: and sip: links', () => {
    expect(dialTarget('tel:+39-0574-1835000', 'pbx.example')).toEqual({
      ok: true,
      uri: 'sip:+3905741835000@pbx.example',
      number: '+3905741835000',
    });
    expect(dialTarget('sip:2042@pbx.example?subject=x', 'pbx.example')).toEqual({ ok: true, uri: 'sip:2042@pbx.example', number: '2042' });
  });

  it('refuses what is not a number', () => {
    expect(dialTarget('', 'pbx.example')).toEqual({ ok: false, reason: 'type a number to call' });
    expect(dialTarget('call me', 'pbx.example')).toEqual({ ok: false, reason: '"call me" is not a number: use digits, * and #' });
  });
});
