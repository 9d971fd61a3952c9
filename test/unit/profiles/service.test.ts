import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ProfilesState } from '../../../common/contract/profiles';
import { ProfilesState as ProfilesStateSchema, profilesContract } from '../../../common/contract/profiles';
import { ContractError } from '../../../common/contract/errors';
import type { CallContext } from '../../../main/services/handlers';
import { profilesRequestHandlers } from '../../../main/services/profiles/handlers';
import { ProfileService } from '../../../main/services/profiles/profile-service';
import { clock, keygen, sampleProfile, signedBytes, withTempDir } from './fixtures';

const keys = keygen();
const context: CallContext = { host: 'web', peer: 'test' };

let dir: string;
let remove: () => Promise<void>;
beforeEach(async () => ({ dir, remove } = await withTempDir()));
afterEach(() => remove());

const newService = (extra: Partial<ConstructorParameters<typeof ProfileService>[0]> = {}) =>
  new ProfileService({ dataDir: dir, clock, trustedKeys: [keys.publicKeyPem], ...extra });

describe('ProfileService', () => {
  it('imports a signed file, emits changed, and exposes the summary and the effective configuration', async () => {
    const service = newService();
    const states: ProfilesState[] = [];
    service.on('changed', (state) => states.push(state));

    const outcome = await service.importBytes(signedBytes(sampleProfile({ serial: 5 }), keys), 'file');
    expect(outcome).toEqual({
      ok: true,
      alreadyActive: false,
      summary: {
        organization: 'Comune di Prato',
        id: 'comune-prato-smartworking',
        serial: 5,
        issuedAt: '2026-01-01T00:00:00Z',
        expiresAt: '2027-01-01T00:00:00Z',
        keyId: keys.keyId,
        source: 'file',
        lastCheck: { at: clock().toISOString(), result: 'applied' },
      },
    });
    expect(service.active()).toMatchObject({ keyId: keys.keyId, source: 'file', profile: { serial: 5 } });
    expect(service.effective().locks).toEqual({
      '/phone/server': { by: 'profile', organization: 'Comune di Prato' },
      '/phone/domain': { by: 'profile', organization: 'Comune di Prato' },
    });
    expect(states.at(-1)?.current?.serial).toBe(5);
    expect(ProfilesStateSchema.safeParse(states.at(-1)).success).toBe(true);
  });

  it('keeps the last good profile when an import is refused, and records why', async () => {
    const service = newService();
    await service.importBytes(signedBytes(sampleProfile({ serial: 5 }), keys));
    const refused = await service.importBytes(signedBytes(sampleProfile({ serial: 6, phone: { server: 'http://pbx.example' } }), keys));
    expect(refused).toEqual({
      ok: false,
      kind: 'refused',
      reason: 'profile.phone.server: expected a ws:// or wss:// URL',
      problem: { code: 'profiles.invalid' },
    });
    expect(service.summary()).toMatchObject({
      serial: 5,
      lastCheck: { result: 'refused', reason: 'profile.phone.server: expected a ws:// or wss:// URL' },
    });
  });

  it('treats a re-import of the active profile as already active, not as an error', async () => {
    const service = newService();
    const bytes = signedBytes(sampleProfile({ serial: 5 }), keys);
    await service.importBytes(bytes);
    const again = await service.importBytes(bytes);
    expect(again).toMatchObject({ ok: true, alreadyActive: true, summary: { serial: 5, lastCheck: { result: 'already-active' } } });
  });

  it('comes back after a restart with the stored profile, verified again', async () => {
    await newService().importBytes(signedBytes(sampleProfile({ serial: 5 }), keys));
    const restarted = newService();
    await restarted.load();
    expect(restarted.summary()).toMatchObject({ serial: 5, source: 'file' });
    expect(restarted.state().problems).toEqual([]);
  });

  it('drops a stored profile whose key is no longer trusted, in one line', async () => {
    await newService().importBytes(signedBytes(sampleProfile({ serial: 5 }), keys));
    const restarted = newService({ trustedKeys: [keygen().publicKeyPem] });
    await restarted.load();
    expect(restarted.summary()).toBeNull();
    expect(restarted.state().problems).toEqual([
      {
        code: 'profiles.stored-not-applied',
        detail: `the stored profile was not applied: signed with unknown key ${keys.keyId}: not one of the 1 trusted keys`,
      },
    ]);
  });

  it('survives a corrupt stored profile file without a sound kept copy: reported in one line, treated as absent', async () => {
    await newService().importBytes(signedBytes(sampleProfile({ serial: 5 }), keys));
    const stored = join(dir, 'profile.signed.json');
    const text = await readFile(stored, 'utf8');
    await writeFile(stored, text.slice(0, text.length / 2));
    await writeFile(join(dir, 'profile.last-good.json'), '{"keptAt": "2026-0');

    const restarted = newService();
    await restarted.load();
    expect(restarted.summary()).toBeNull();
    expect(restarted.state().problems.map((problem) => problem.code)).toEqual(['profiles.storage', 'profiles.stored-not-applied']);
    expect(restarted.state().problems[1]?.detail).toMatch(/^the stored profile was not applied: not JSON: /);
    expect(restarted.effective().config.phone).toEqual({});

    // Rollback stays refused although the profile itself is gone: the serial lives in the metadata too.
    expect(await restarted.importBytes(signedBytes(sampleProfile({ serial: 4 }), keys))).toMatchObject({
      ok: false,
      reason: 'profile serial 4 is lower than the active serial 5: rollback refused',
    });
    expect(await restarted.importBytes(signedBytes(sampleProfile({ serial: 5 }), keys))).toMatchObject({
      ok: true,
      summary: { serial: 5 },
    });
    expect(restarted.state().problems.map((problem) => problem.code)).toEqual(['profiles.storage']);
  });

  it('survives corrupt metadata and settings files', async () => {
    await writeFile(join(dir, 'profile.meta.json'), 'not json');
    await writeFile(join(dir, 'user-settings.json'), '{"values": {"phone/x": 1}}');
    const service = newService();
    await service.load();
    expect(service.state().problems.map((problem) => problem.code)).toEqual(['profiles.storage', 'profiles.storage']);
    expect(service.state().problems.map((problem) => problem.detail)).toEqual([
      'profile.meta.json is corrupt and was ignored: Unexpected token \'o\', "not json" is not valid JSON',
      'user-settings.json is corrupt and was ignored: values.phone/x: expected a JSON pointer: "phone/x" is not a JSON pointer such as /phone/extension',
    ]);
    expect((await service.importBytes(signedBytes(sampleProfile(), keys))).ok).toBe(true);
  });

  it('lets the user change what is not locked, refuses what is, and refuses values the schema rejects', async () => {
    const service = newService({
      readPolicy: async () => ({ policy: { trustedKeys: [], forced: { '/meetings/notifyMinutes': 2 } }, sources: ['test'], problems: [] }),
    });
    await service.importBytes(signedBytes(sampleProfile(), keys));

    expect(await service.setUserValue('/phone/displayName', 'Mario Rossi')).toEqual({ ok: true });
    expect(service.effective().config.phone?.displayName).toBe('Mario Rossi');
    expect(await service.setUserValue('/phone/server', 'wss://elsewhere.example/ws')).toEqual({
      ok: false,
      locked: true,
      reason: '/phone/server is locked by the configuration profile of Comune di Prato',
      problem: { code: 'profiles.locked-by-profile', params: { organization: 'Comune di Prato' } },
    });
    expect(await service.setUserValue('/meetings/notifyMinutes', 30)).toEqual({
      ok: false,
      locked: true,
      reason: "/meetings/notifyMinutes is locked by the administrator's OS policy",
      problem: { code: 'profiles.locked-by-policy' },
    });
    expect(await service.setUserValue('/links/0/url', 'javascript:alert(1)')).toEqual({
      ok: false,
      locked: false,
      reason: 'config.links[0].url: expected an http:// or https:// URL',
      problem: { code: 'profiles.setting-invalid' },
    });
    expect(await service.setUserValue('/nowhere', 1)).toMatchObject({
      ok: false,
      locked: false,
      reason: '/nowhere is not in the configuration',
    });
    expect(await service.setUserValue('/links/0/url/deeper', 'x')).toMatchObject({
      ok: false,
      locked: false,
      reason: '/links/0/url is a string, not an object',
    });

    expect(await service.setUserValue('/phone/displayName', undefined)).toEqual({ ok: true });
    expect(service.effective().config.phone?.displayName).toBeUndefined();
    expect(service.effective().config.meetings).toEqual({ notifyMinutes: 2 });
  });

  it("fills user fields, checking them against the profile's pattern", async () => {
    const service = newService();
    expect(await service.setUserField('extension', '204')).toEqual({
      ok: false,
      locked: false,
      reason: 'no profile is active, so there are no user fields to fill',
      problem: { code: 'profiles.no-profile' },
    });
    await service.importBytes(signedBytes(sampleProfile(), keys));
    expect(service.effective().missingUserFields).toEqual(['extension', 'login']);
    expect(await service.setUserField('extension', '20x')).toEqual({
      ok: false,
      locked: false,
      reason: 'Extension: the value does not have the expected form ([0-9]{3,6})',
      problem: { code: 'profiles.user-field-invalid', params: { en: 'Extension', it: 'Interno' } },
    });
    expect(await service.setUserField('pcName', 'x')).toEqual({
      ok: false,
      locked: false,
      reason: 'the active profile has no user field "pcName"',
      problem: { code: 'profiles.user-field-unknown' },
    });
    expect(await service.setUserField('extension', '204')).toEqual({ ok: true });
    expect(service.effective().config.phone).toMatchObject({ extension: '204', displayName: 'Ufficio 204' });
    expect(service.effective().missingUserFields).toEqual(['login']);

    const restarted = newService();
    await restarted.load();
    expect(restarted.effective().config.phone?.extension).toBe('204');
    expect((await readdir(dir)).sort()).toEqual([
      'profile.last-good.json',
      'profile.meta.json',
      'profile.signed.json',
      'user-settings.json',
      'user-settings.last-good.json',
    ]);
  });
});

describe('profile request handlers', () => {
  it('answer through the contract, with ContractErrors for refusals', async () => {
    const service = newService();
    const handlers = profilesRequestHandlers(service);
    expect(await handlers['profiles.current']({}, context)).toBeNull();

    const contentBase64 = Buffer.from(signedBytes(sampleProfile({ serial: 9 }), keys)).toString('base64');
    const request = profilesContract['profiles.import'].request.parse({ kind: 'file', contentBase64 });
    const summary = await handlers['profiles.import'](request, context);
    expect(profilesContract['profiles.import'].response.parse(summary)).toMatchObject({ serial: 9, source: 'file' });
    expect(await handlers['profiles.current']({}, context)).toEqual(summary);

    const refused = handlers['profiles.import']({ kind: 'file', contentBase64: Buffer.from('{}').toString('base64') }, context);
    await expect(refused).rejects.toBeInstanceOf(ContractError);
    await expect(refused).rejects.toMatchObject({
      code: 'bad-request',
      message: 'not a signed profile: profile: required: expected record',
    });

    const unreachable = handlers['profiles.import']({ kind: 'url', url: 'http://127.0.0.1:1/profile.json' }, context);
    await expect(unreachable).rejects.toMatchObject({ code: 'failed' });

    await expect(handlers['profiles.setUserValue']({ pointer: '/phone/domain', value: 'x' }, context)).rejects.toMatchObject({
      code: 'forbidden',
      path: 'pointer',
    });
    const view = await handlers['profiles.setUserValue']({ pointer: '/meetings/notifyMinutes', value: 15 }, context);
    expect(profilesContract['profiles.setUserValue'].response.parse(view).config).toMatchObject({ meetings: { notifyMinutes: 15 } });
    await expect(handlers['profiles.setUserField']({ key: 'extension', value: 'abc' }, context)).rejects.toMatchObject({
      code: 'bad-request',
    });
    expect(profilesContract['profiles.effective'].response.safeParse(await handlers['profiles.effective']({}, context)).success).toBe(true);
  });

  it('the contract refuses an oversized file and a non-http URL before any handler runs', () => {
    const tooBig = profilesContract['profiles.import'].request.safeParse({ kind: 'file', contentBase64: 'A'.repeat(1_500_000) });
    expect(tooBig.success).toBe(false);
    expect(profilesContract['profiles.import'].request.safeParse({ kind: 'url', url: 'file:///etc/passwd' }).success).toBe(false);
    expect(profilesContract['profiles.setUserValue'].request.safeParse({ pointer: '/__proto__/x', value: 1 }).success).toBe(false);
  });
});
