import type { AnswerGroup } from './diverted-from';

/** The PBX features Scrivania drives with the profile's feature codes. */
export const phoneFeatures = ['dndOn', 'dndOff', 'forwardOn', 'forwardOff', 'groupLogin', 'groupLogout'] as const;
export type PhoneFeature = (typeof phoneFeatures)[number];

export type FeatureCodes = Partial<Record<PhoneFeature, string>>;

export type FeatureRequest =
  | { feature: 'dndOn' | 'dndOff' | 'forwardOff' }
  | { feature: 'forwardOn'; target: string }
  | { feature: 'groupLogin' | 'groupLogout'; group: string };

export type FeatureDial = { ok: true; dial: string } | { ok: false; reason: string };

const featureWords: Record<PhoneFeature, string> = {
  dndOn: 'turning do-not-disturb on',
  dndOff: 'turning do-not-disturb off',
  forwardOn: 'forwarding all calls',
  forwardOff: 'ending call forwarding',
  groupLogin: 'joining an answer group',
  groupLogout: 'leaving an answer group',
};

/** Digits with an optional leading +, after dropping the spaces, dashes, dots and brackets people type. */
export const plainNumber = (text: string): string | undefined => {
  const compact = text.replace(/[\s\-.()/]/g, '');
  return /^\+?[0-9]{1,32}$/.test(compact) ? compact : undefined;
};

/**
 * The string to dial for a feature: the profile's code, followed by the forwarding number or the group's number
 * where the feature takes one (`*72` + `0574123456`, `*45` + `600`), as Asterisk-style PBXs expect.
 */
export const featureDialString = (codes: FeatureCodes, request: FeatureRequest, groups: readonly AnswerGroup[]): FeatureDial => {
  const code = codes[request.feature];
  if (!code) return { ok: false, reason: `your profile defines no feature code for ${featureWords[request.feature]}` };
  if (request.feature === 'forwardOn') {
    const target = plainNumber(request.target);
    if (!target) return { ok: false, reason: `"${request.target}" is not a number to forward to: use digits, such as 0574 183 5000` };
    return { ok: true, dial: `${code}${target}` };
  }
  if (request.feature === 'groupLogin' || request.feature === 'groupLogout') {
    const group = groups.find((candidate) => candidate.number === request.group);
    if (!group) return { ok: false, reason: `"${request.group}" is not one of your answer groups` };
    const number = plainNumber(group.number);
    if (!number) return { ok: false, reason: `the answer group ${group.name} has no dialable number in your profile` };
    return { ok: true, dial: `${code}${number}` };
  }
  return { ok: true, dial: code };
};
