import { describe, expect, it } from 'vitest';
import { UpdatesSection } from '../../../common/profiles/profile-schema';
import { readUpdatesConfig } from '../../../main/services/updates/updates-config';

describe('the updates section', () => {
  it('fills in the defaults: enabled, stable, every 6 hours, no server', () => {
    expect(readUpdatesConfig(undefined)).toEqual({ ok: true, config: { enabled: true, channel: 'stable', checkEveryHours: 6 } });
    expect(
      readUpdatesConfig({ url: 'https://updates.comune.test/scrivania/', channel: 'beta', checkEveryHours: 24, enabled: false }),
    ).toEqual({
      ok: true,
      config: { enabled: false, url: 'https://updates.comune.test/scrivania/', channel: 'beta', checkEveryHours: 24 },
    });
  });

  it('names the key that is wrong', () => {
    expect(readUpdatesConfig({ url: 'ftp://updates.comune.test/' })).toEqual({
      ok: false,
      reason: 'updates.url: expected an http:// or https:// URL',
    });
    expect(readUpdatesConfig({ enabled: 'no' })).toEqual({ ok: false, reason: 'updates.enabled: expected true or false' });
    expect(readUpdatesConfig({ checkEveryHours: 0 })).toEqual({ ok: false, reason: 'updates.checkEveryHours: expected 1 to 168 hours' });
  });

  it('takes plain http only from this machine: anyone on the path could serve a latest.yml and the file it names', () => {
    const httpOnly = 'updates.url: expected an https:// URL (plain http only to this machine, 127.0.0.1 or localhost)';
    expect(readUpdatesConfig({ url: 'http://updates.comune.test/scrivania/' })).toEqual({ ok: false, reason: httpOnly });
    expect(readUpdatesConfig({ url: 'http://10.0.0.5/scrivania/' })).toEqual({ ok: false, reason: httpOnly });
    for (const url of [
      'http://127.0.0.1:8080/scrivania/',
      'http://localhost/scrivania/',
      'http://[::1]:9000/',
      'https://updates.comune.test/',
    ]) {
      expect(readUpdatesConfig({ url }), url).toMatchObject({ ok: true, config: { url } });
    }
  });

  it("describes every key for the administrators' policy templates", () => {
    for (const key of ['enabled', 'url', 'channel', 'checkEveryHours'] as const)
      expect(UpdatesSection.shape[key].description, key).toMatch(/\w{3,}/);
  });
});
