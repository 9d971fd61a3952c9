import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ContractError } from '../../../common/contract/errors';
import { ProfilesState as ProfilesStateSchema } from '../../../common/contract/profiles';
import type { CallContext } from '../../../main/services/handlers';
import { profilesRequestHandlers } from '../../../main/services/profiles/handlers';
import { ProfileService } from '../../../main/services/profiles/profile-service';
import { clock, keygen, sampleProfile, signedBytes, withTempDir } from './fixtures';

const keys = keygen();
const strangers = keygen();
const context: CallContext = { host: 'web', peer: 'test' };

let dir: string;
let remove: () => Promise<void>;
beforeEach(async () => ({ dir, remove } = await withTempDir()));
afterEach(() => remove());

const newService = () => new ProfileService({ dataDir: dir, clock, trustedKeys: [keys.publicKeyPem] });

describe('a profile previewed before it is installed', () => {
  it('shows issuer, key fingerprint and what it sets up, and installs nothing until asked', async () => {
    const service = newService();
    const outcome = await service.previewBytes(signedBytes(sampleProfile(), keys));
    if (!outcome.ok) throw new Error(outcome.reason);
    const { preview } = outcome;
    expect(preview).toMatchObject({ organization: 'Comune di Prato', serial: 1, keyId: keys.keyId, alreadyActive: false, replaces: null });
    // The keyId is the start of the fingerprint, which is the whole SHA-256 in groups of four.
    expect(preview.fingerprint.replaceAll(' ', '')).toMatch(new RegExp(`^${keys.keyId}[0-9a-f]{48}$`));
    expect(preview.sections.map((section) => section.name)).toEqual([
      'helpdesk',
      'vpn',
      'officePc',
      'phone',
      'calendars',
      'meetings',
      'links',
      'updates',
    ]);
    // `pc-${user.login}…` is not something to show before the employee typed it.
    expect(preview.sections.find((section) => section.name === 'officePc')).toEqual({ name: 'officePc' });
    expect(preview.sections.find((section) => section.name === 'phone')?.detail).toBe('pbx.comune.prato.example');
    expect(JSON.stringify(preview)).not.toContain('${user.');
    expect(preview.userFields).toEqual([
      { en: 'Extension', it: 'Interno' },
      { en: 'Windows user name', it: 'Nome utente Windows' },
    ]);
    expect(service.summary()).toBeNull();

    const installed = await service.installPreview(preview.previewId);
    expect(installed).toMatchObject({ ok: true, summary: { organization: 'Comune di Prato', serial: 1 } });
    expect(service.summary()?.keyId).toBe(keys.keyId);
    // Installed once: the same preview cannot be installed again.
    expect(await service.installPreview(preview.previewId)).toMatchObject({ ok: false, problem: { code: 'profiles.preview-gone' } });
  });

  it('"This is not my organisation" forgets it: nothing is installed, and it cannot be installed afterwards', async () => {
    const service = newService();
    const outcome = await service.previewBytes(signedBytes(sampleProfile(), keys));
    if (!outcome.ok) throw new Error(outcome.reason);
    expect(await service.discardPreview(outcome.preview.previewId)).toBe(true);
    expect(await service.discardPreview(outcome.preview.previewId)).toBe(false);
    expect(await service.installPreview(outcome.preview.previewId)).toMatchObject({ ok: false, kind: 'refused' });
    expect(service.summary()).toBeNull();
  });

  it('says when it would replace another organisation’s profile', async () => {
    const service = newService();
    await service.importBytes(signedBytes(sampleProfile({ organization: { name: 'Comune di Altrove' } }), keys));
    const outcome = await service.previewBytes(signedBytes(sampleProfile({ serial: 2 }), keys));
    expect(outcome).toMatchObject({ ok: true, preview: { replaces: { organization: 'Comune di Altrove', serial: 1 } } });
  });

  it('refuses an unsigned, an untrusted and a malformed profile with a code for each, and records the refusal', async () => {
    const service = newService();
    const bare = new TextEncoder().encode(JSON.stringify(sampleProfile()));
    expect(await service.previewBytes(bare)).toMatchObject({ ok: false, kind: 'refused', problem: { code: 'profiles.unsigned' } });
    expect(await service.previewBytes(signedBytes(sampleProfile(), strangers))).toMatchObject({
      ok: false,
      problem: { code: 'profiles.untrusted-key', params: { keyId: strangers.keyId } },
    });
    expect(await service.previewBytes(new TextEncoder().encode('{ not json'))).toMatchObject({ problem: { code: 'profiles.not-json' } });
    expect(service.state().lastCheck).toMatchObject({ result: 'refused', problem: { code: 'profiles.not-json' } });
  });

  it('reports an unreachable address with its host, and the contract carries the problem beside the technical line', async () => {
    const handlers = profilesRequestHandlers(newService());
    const refused = await Promise.resolve()
      .then(() => handlers['profiles.preview']({ kind: 'url', url: 'http://127.0.0.1:1/profile.json' }, context))
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ContractError);
    expect((refused as ContractError).toBody()).toMatchObject({
      code: 'failed',
      message: expect.stringMatching(/^GET http:\/\/127\.0\.0\.1:1\/profile\.json: /),
      problem: { code: 'profiles.unreachable', params: { host: '127.0.0.1:1' } },
    });
  });

  it('offers a profile that arrived by a link in the state, until the employee decides', async () => {
    const service = newService();
    const offered = await service.offerBytes(signedBytes(sampleProfile(), keys));
    if (!offered.ok) throw new Error(offered.reason);
    const state = service.state();
    expect(ProfilesStateSchema.safeParse(state).success).toBe(true);
    expect(state.offered?.previewId).toBe(offered.preview.previewId);
    expect(service.summary()).toBeNull();
    await service.discardPreview(offered.preview.previewId);
    expect(service.state().offered).toBeNull();
  });
});
