import { describe, expect, it } from 'vitest';
import { formatPointer, getAt, parsePointer, setAt } from '../../../common/profiles/json-pointer';
import { formatSchemaError, formatSchemaIssues, Profile } from '../../../common/profiles/profile-schema';
import { lintProfile } from '../../../main/services/profiles/profile-lint';
import { NOW, sampleProfile, type ProfileJson } from './fixtures';

const errorOf = (json: ProfileJson): string => {
  const parsed = Profile.safeParse(json);
  if (parsed.success) throw new Error('expected a schema error');
  return formatSchemaError(parsed.error, 'profile');
};

describe('profile schema', () => {
  it('accepts the sample profile and fills enforced and userFields when absent', () => {
    expect(Profile.safeParse(sampleProfile()).success).toBe(true);
    const minimal = sampleProfile();
    for (const key of ['helpdesk', 'vpn', 'officePc', 'phone', 'calendars', 'meetings', 'links', 'updates', 'enforced', 'userFields'])
      delete minimal[key];
    const parsed = Profile.parse(minimal);
    expect(parsed.enforced).toEqual([]);
    expect(parsed.userFields).toEqual([]);
  });

  it('keeps fields it does not know inside capability sections, for the services that own them', () => {
    expect(Profile.parse(sampleProfile()).vpn).toEqual({ probes: { intranetHost: 'intranet.comune.prato.example' } });
  });

  it.each([
    [{ schemaVersion: 2 }, 'profile.schemaVersion: expected 1, the only schema version this app reads'],
    [{ serial: 0 }, 'profile.serial: expected a positive whole number'],
    [{ serial: 1.5 }, 'profile.serial: expected a whole number'],
    [{ expiresAt: 'next year' }, 'profile.expiresAt: expected an ISO 8601 date-time such as 2026-01-31T18:00:00Z'],
    [{ expiresAt: '2025-01-01T00:00:00Z' }, 'profile.expiresAt: expected a date-time after issuedAt'],
    [{ organization: {} }, 'profile.organization.name: required: expected string'],
    [{ helpdesk: { email: 'helpdesk at comune' } }, 'profile.helpdesk.email: expected an email address'],
    [{ phone: { server: 'sip:pbx.example' } }, 'profile.phone.server: expected a ws:// or wss:// URL'],
    [
      { phone: { featureCodes: { dndOn: 'dnd' } } },
      'profile.phone.featureCodes.dndOn: expected a feature code of digits, * and # such as *78',
    ],
    [
      { phone: { iceServers: [{ urls: 'http://stun.example' }] } },
      'profile.phone.iceServers[0].urls: expected a stun:, stuns:, turn: or turns: URL',
    ],
    [{ phone: { iceServers: [{ urls: 3478 }] } }, 'profile.phone.iceServers[0].urls: expected string or array'],
    [{ phone: { answerGroups: [{ name: 'Polizia Municipale' }] } }, 'profile.phone.answerGroups[0].number: required: expected string'],
    [{ links: [{ title: 'Intranet', url: 'javascript:alert(1)' }] }, 'profile.links[0].url: expected an http:// or https:// URL'],
    [
      { enforced: ['phone/server'] },
      'profile.enforced[0]: expected a JSON pointer: "phone/server" is not a JSON pointer such as /phone/extension',
    ],
    [{ enforced: ['/__proto__/x'] }, 'profile.enforced[0]: expected a JSON pointer: "/__proto__/x" uses the reserved key "__proto__"'],
    [
      { userFields: [{ key: 'ext', label: { en: 'Extension', it: 'Interno' }, pattern: '[0-9' }] },
      'profile.userFields[0].pattern: expected a valid regular expression',
    ],
    [{ userFields: [{ key: 'ext', label: { en: 'Extension' } }] }, 'profile.userFields[0].label.it: required: expected string'],
    [{ enforcd: ['/phone/server'] }, 'profile.enforcd: unknown key: not part of schema version 1 (check the spelling)'],
  ])('explains %o in one line', (overrides, expected) => {
    const message = errorOf(sampleProfile(overrides));
    expect(message).toBe(expected);
    expect(message).not.toContain('\n');
  });

  it('lists every issue for lint, one line each', () => {
    const parsed = Profile.safeParse(sampleProfile({ serial: -1, phone: { server: 'x' } }));
    expect(parsed.success).toBe(false);
    if (!parsed.success)
      expect(formatSchemaIssues(parsed.error, 'profile')).toEqual([
        'profile.serial: expected a positive whole number',
        'profile.phone.server: expected a ws:// or wss:// URL',
      ]);
  });
});

describe('JSON pointers', () => {
  it('parses RFC 6901 escapes and refuses reserved keys', () => {
    expect(parsePointer('/a~1b/c~0d/0')).toEqual({ ok: true, segments: ['a/b', 'c~d', '0'] });
    expect(formatPointer(['a/b', 'c~d'])).toBe('/a~1b/c~0d');
    expect(parsePointer('/phone/constructor')).toEqual({ ok: false, reason: '"/phone/constructor" uses the reserved key "constructor"' });
    expect(parsePointer('')).toMatchObject({ ok: false });
  });

  it('reads own properties only and writes through objects and lists', () => {
    const config: Record<string, unknown> = { calendars: [{ id: 'a' }] };
    expect(getAt(config, ['toString'])).toEqual({ found: false });
    expect(setAt(config, ['calendars', '1'], { id: 'b' })).toBeUndefined();
    expect(setAt(config, ['calendars', '-'], { id: 'c' })).toBeUndefined();
    expect(setAt(config, ['phone', 'extension'], '204')).toBeUndefined();
    expect(config).toEqual({ calendars: [{ id: 'a' }, { id: 'b' }, { id: 'c' }], phone: { extension: '204' } });
    expect(setAt(config, ['__proto__', 'polluted'], true)).toBe('/__proto__/polluted uses a reserved key');
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });
});

describe('lint', () => {
  it('finds nothing to say about a good profile', () => {
    expect(lintProfile(sampleProfile({ enforced: ['/phone/server'] }), NOW)).toMatchObject({ errors: [], warnings: [] });
  });

  it('warns about expiry, pointers that lock nothing, unused and undeclared user fields', () => {
    const soon = lintProfile(
      sampleProfile({
        expiresAt: '2026-06-10T00:00:00Z',
        enforced: ['/phone/server', '/vpn/gateway', '/serial'],
        officePc: { host: '${user.pcName}' },
        calendars: [],
      }),
      NOW,
    );
    expect(soon.errors).toEqual([]);
    expect(soon.warnings).toEqual([
      'profile.expiresAt: expires in less than 14 days, on 2026-06-10T00:00:00Z',
      'profile.enforced[1]: /vpn/gateway points at nothing in this profile, so it locks the built-in default',
      'profile.enforced[2]: /serial is not part of the configuration (helpdesk, vpn, officePc, phone, calendars, meetings, links, updates)',
      'profile.userFields[1]: "login" is never referenced as ${user.login}',
      '${user.pcName} is referenced but userFields does not declare "pcName"',
    ]);
    expect(lintProfile(sampleProfile({ issuedAt: '2025-01-01T00:00:00Z', expiresAt: '2026-01-01T00:00:00Z' }), NOW).warnings).toEqual([
      'profile.expiresAt: expired on 2026-01-01T00:00:00Z',
    ]);
  });

  it("reports schema errors of a signed envelope's profile and reserved keys", () => {
    const report = lintProfile(
      JSON.parse(`{"signature":{},"profile":${JSON.stringify(sampleProfile({ serial: 'one' })).replace(/^\{/, '{"__proto__":{},')}}`),
      NOW,
    );
    expect(report.errors).toEqual(['profile.serial: expected number, received string']);
    expect(report.warnings).toEqual(['profile.__proto__: reserved key, ignored']);
  });
});
