import { describe, expect, it } from 'vitest';
import type { FeatureState } from '../../../common/contract/phone';
import { knownAfter } from '../../../main/services/phone/phone-state-store';

const lost: FeatureState = { dnd: false, forwardTo: null, groups: {}, unknown: ['dnd', 'forward'] };

describe('features lost with the phone state', () => {
  it('become known one at a time, as each is set on the PBX again', () => {
    const dndSet = knownAfter(lost, 'dndOff');
    expect(dndSet.unknown).toEqual(['forward']);
    expect(knownAfter(dndSet, 'groupLogin').unknown).toEqual(['forward']);
    expect(knownAfter(dndSet, 'forwardOn')).not.toHaveProperty('unknown');
    expect(knownAfter({ dnd: true, forwardTo: null, groups: {} }, 'dndOn')).toEqual({ dnd: true, forwardTo: null, groups: {} });
  });
});
