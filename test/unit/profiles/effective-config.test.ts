import { describe, expect, it } from 'vitest';
import { Profile, type ConfigSections } from '../../../common/profiles/profile-schema';
import { findLock } from '../../../common/profiles/locks';
import { BUILT_IN_DEFAULTS, computeEffective, describeLock } from '../../../main/services/profiles/effective-config';
import { sampleProfile, type ProfileJson } from './fixtures';

const profileOf = (json: ProfileJson) => Profile.parse(json);
const POINTER = '/meetings/notifyMinutes';
const notifyMinutes = (config: ConfigSections): unknown => (config.meetings as Record<string, unknown>)['notifyMinutes'];

describe('effective configuration precedence', () => {
  // Every combination of the five layers setting /meetings/notifyMinutes, each to its own value:
  // built-in 1, profile default 2, user 3, profile enforced (the profile's value, or the built-in one), policy 4.
  const layers = ['builtIn', 'profileDefault', 'user', 'enforced', 'policy'] as const;
  const combinations = Array.from(
    { length: 32 },
    (_, bits) =>
      Object.fromEntries(layers.map((layer, index) => [layer, (bits & (1 << index)) !== 0])) as Record<(typeof layers)[number], boolean>,
  );

  it.each(combinations)('layers that set the value: %o', (set) => {
    const builtIn: ConfigSections = { ...BUILT_IN_DEFAULTS, meetings: set.builtIn ? { notifyMinutes: 1 } : {} };
    const profile = profileOf(
      sampleProfile({ meetings: set.profileDefault ? { notifyMinutes: 2 } : {}, enforced: set.enforced ? [POINTER] : [] }),
    );
    const effective = computeEffective({
      builtIn,
      profile,
      userValues: set.user ? { [POINTER]: 3 } : {},
      forced: set.policy ? { [POINTER]: 4 } : {},
    });

    const fallback = set.profileDefault ? 2 : set.builtIn ? 1 : undefined;
    const expected = set.policy ? 4 : set.enforced ? fallback : set.user ? 3 : fallback;
    expect(notifyMinutes(effective.config)).toBe(expected);

    const expectedLock = set.policy ? { by: 'policy' } : set.enforced ? { by: 'profile', organization: 'Comune di Prato' } : undefined;
    expect(effective.locks[POINTER]).toEqual(expectedLock);
    expect(effective.problems).toEqual([]);
  });

  it('keeps the built-in defaults when there is no profile, and lets the user change them', () => {
    expect(computeEffective({}).config).toEqual(BUILT_IN_DEFAULTS);
    const effective = computeEffective({ userValues: { '/phone/extension': '204' } });
    expect(effective.config.phone).toEqual({ extension: '204' });
    expect(effective.locks).toEqual({});
  });

  it('merges the profile over the built-in defaults object by object, replacing arrays', () => {
    const builtIn: ConfigSections = {
      ...BUILT_IN_DEFAULTS,
      phone: { displayName: 'Scrivania', iceServers: [{ urls: 'stun:builtin.example' }] },
    };
    const effective = computeEffective({
      builtIn,
      profile: profileOf(sampleProfile({ phone: { domain: 'pbx.example', iceServers: [{ urls: 'stun:profile.example' }] } })),
    });
    expect(effective.config.phone).toEqual({
      displayName: 'Scrivania',
      domain: 'pbx.example',
      iceServers: [{ urls: 'stun:profile.example' }],
    });
  });

  it('a lock on a parent covers its children, and a lock on a child stops replacing its parent', () => {
    const profile = profileOf(sampleProfile({ enforced: ['/phone'] }));
    const child = computeEffective({ profile, userValues: { '/phone/displayName': 'Mario' } });
    expect(child.config.phone?.displayName).toBeUndefined();
    expect(child.missingUserFields).toContain('extension');

    const lockedChild = profileOf(sampleProfile({ enforced: ['/phone/server'] }));
    const parent = computeEffective({ profile: lockedChild, userValues: { '/phone': { server: 'wss://elsewhere.example/ws' } } });
    expect(parent.config.phone?.server).toBe('wss://pbx.comune.prato.example:8089/ws');
    expect(parent.config.phone?.answerGroups).toHaveLength(1);

    const found = findLock(parent.locks, '/phone');
    expect(found && describeLock('/phone', found)).toBe(
      '/phone cannot change: /phone/server is locked by the configuration profile of Comune di Prato',
    );
  });

  it('names the policy, not the profile, when both lock the same place', () => {
    const profile = profileOf(sampleProfile({ enforced: ['/phone/server'] }));
    const effective = computeEffective({ profile, forced: { '/phone': { server: 'wss://policy.example/ws' } } });
    expect(effective.config.phone).toEqual({ server: 'wss://policy.example/ws' });
    expect(effective.locks).toMatchObject({
      '/phone': { by: 'policy' },
      '/phone/server': { by: 'profile', organization: 'Comune di Prato' },
    });
    const found = findLock(effective.locks, '/phone/server');
    expect(found && describeLock('/phone/server', found)).toBe(
      "/phone/server cannot change: /phone is locked by the administrator's OS policy",
    );
  });

  it('applies a value for a parent before one for its child, whatever order they were given in', () => {
    const effective = computeEffective({ userValues: { '/phone/extension': '204', '/phone': { domain: 'pbx.example' } } });
    expect(effective.config.phone).toEqual({ domain: 'pbx.example', extension: '204' });
  });

  it('reports layers it cannot apply in one line each and applies the rest', () => {
    const effective = computeEffective({
      profile: profileOf(sampleProfile()),
      userValues: { '/phone/extension/deeper': 'x', '/meetings/notifyMinutes': 9 },
      forced: { '/nowhere/x': 1, '/calendars/7/url': 'https://x.example/' },
    });
    expect(effective.problems).toEqual([
      'user setting: /phone/extension is a string, not an object',
      'OS policy: /nowhere/x is not in the configuration',
      'OS policy: /calendars/7: no such item in the list',
    ]);
    expect(notifyMinutes(effective.config)).toBe(9);
  });

  it('reports a configuration a forced value made invalid', () => {
    const effective = computeEffective({ forced: { '/phone/server': 'http://not-a-websocket.example' } });
    expect(effective.problems).toEqual(['config.phone.server: expected a ws:// or wss:// URL']);
  });
});

describe('${user.<key>} substitution', () => {
  const profile = profileOf(sampleProfile());

  it('fills every string from the values the employee typed', () => {
    const effective = computeEffective({ profile, userFields: { extension: '204', login: 'mrossi' } });
    expect(effective.config.phone?.extension).toBe('204');
    expect(effective.config.phone?.displayName).toBe('Ufficio 204');
    expect(effective.config.officePc).toEqual({ host: 'pc-mrossi.comune.prato.example' });
    expect(effective.config.calendars[0]?.url).toBe('https://cal.comune.prato.example/mrossi.ics');
    expect(effective.missingUserFields).toEqual([]);
    expect(effective.userFields.map((field) => [field.key, field.value])).toEqual([
      ['extension', '204'],
      ['login', 'mrossi'],
    ]);
  });

  it('leaves out values whose reference has no value yet and lists the missing fields', () => {
    const effective = computeEffective({ profile, userFields: { extension: '204' } });
    expect(effective.config.officePc).toEqual({});
    expect(effective.missingUserFields).toEqual(['login']);
  });

  it("substitutes in the user's own values and in forced values too, but only declared fields", () => {
    const effective = computeEffective({
      profile,
      userFields: { extension: '204', login: 'mrossi', undeclared: 'x' },
      userValues: { '/meetings/title': '${user.login} meeting' },
      forced: { '/helpdesk/hours': 'ext ${user.extension} ${user.undeclared}' },
    });
    expect(effective.config.meetings).toMatchObject({ title: 'mrossi meeting' });
    expect(effective.config.helpdesk.hours).toBeUndefined();
  });

  it('leaves out every value that still refers to a field the employee has not filled, so none reaches a screen', () => {
    const effective = computeEffective({ profile });
    expect(effective.missingUserFields).toContain('extension');
    expect(effective.config.phone?.extension).toBeUndefined();
    expect(effective.config.phone?.displayName).toBeUndefined();
    expect(effective.config.phone?.server).toBe('wss://pbx.comune.prato.example:8089/ws');
    expect(JSON.stringify(effective.config)).not.toContain('${user.');
  });
});
