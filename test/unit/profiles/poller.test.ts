import { describe, expect, it } from 'vitest';
import type { LastCheck } from '../../../common/contract/profiles';
import { ProfilePoller } from '../../../main/services/profiles/profile-poller';
import { clock, keygen, sampleProfile, signedBytes } from './fixtures';
import { servedProfilesEach } from './served-profiles';

const keys = keygen();

const served = servedProfilesEach(keys);
const { newService } = served;

describe('polling a profile URL with ETags (real HTTP on 127.0.0.1)', () => {
  it('applies on 200, sends If-None-Match and records 304, applies a new serial, keeps the last good on errors', async () => {
    const firstEtag = served.server.publish(signedBytes(sampleProfile({ serial: 1 }), keys));
    const service = newService();

    const imported = await service.importFromUrl(served.server.url);
    expect(imported).toMatchObject({
      ok: true,
      alreadyActive: false,
      summary: { serial: 1, source: 'url', lastCheck: { result: 'applied' } },
    });
    expect(served.server.requests).toEqual([{ path: '/scrivania/profile.json' }]);

    expect(await service.checkNow()).toEqual({ at: clock().toISOString(), result: 'not-modified' });
    expect(served.server.requests[1]).toEqual({ path: '/scrivania/profile.json', ifNoneMatch: firstEtag });
    expect(service.active()?.lastCheck).toEqual({ at: clock().toISOString(), result: 'not-modified' });

    const secondEtag = served.server.publish(signedBytes(sampleProfile({ serial: 2, meetings: { notifyMinutes: 10 } }), keys));
    expect(await service.checkNow()).toMatchObject({ result: 'applied' });
    expect(service.summary()?.serial).toBe(2);
    expect(service.effective().config.meetings).toEqual({ notifyMinutes: 10 });
    expect(await service.checkNow()).toMatchObject({ result: 'not-modified' });
    expect(served.server.requests.at(-1)?.ifNoneMatch).toBe(secondEtag);

    served.server.failWith(500);
    const failed = await service.checkNow();
    expect(failed).toEqual({
      at: clock().toISOString(),
      result: 'failed',
      reason: `GET ${served.server.url}: HTTP 500 Internal Server Error`,
      problem: { code: 'profiles.server-error', params: { host: new URL(served.server.url).host, status: 500 } },
    });
    expect(service.summary()?.serial).toBe(2);
    expect(service.state().lastCheck).toEqual(failed);

    served.server.publish(signedBytes(sampleProfile({ serial: 1 }), keys));
    expect(await service.checkNow()).toMatchObject({
      result: 'refused',
      reason: 'profile serial 1 is lower than the active serial 2: rollback refused',
    });
    expect(service.summary()?.serial).toBe(2);

    served.server.publish(new TextEncoder().encode('<html>maintenance</html>'));
    expect((await service.checkNow())?.reason).toMatch(/^not JSON: /);
    expect(service.summary()?.serial).toBe(2);
  });

  it('remembers the URL and ETag across restarts', async () => {
    const etag = served.server.publish(signedBytes(sampleProfile({ serial: 4 }), keys));
    await newService().importFromUrl(served.server.url);
    const restarted = newService();
    expect(await restarted.checkNow()).toMatchObject({ result: 'not-modified' });
    expect(served.server.requests.at(-1)).toEqual({ path: '/scrivania/profile.json', ifNoneMatch: etag });
    expect(restarted.summary()).toMatchObject({ serial: 4, source: 'url' });
  });

  it("polls the OS policy's URL with the policy's trusted key, as source policy", async () => {
    served.server.publish(signedBytes(sampleProfile({ serial: 3 }), keys));
    const service = newService({
      trustedKeys: [],
      readPolicy: async () => ({
        policy: { trustedKeys: [keys.publicKeyBase64], profileUrl: served.server.url, forced: {} },
        sources: ['test'],
        problems: [],
      }),
    });
    expect(await service.checkNow()).toMatchObject({ result: 'applied' });
    expect(service.summary()).toMatchObject({ serial: 3, source: 'policy', keyId: keys.keyId });
  });

  it('records a server that does not answer in time, and keeps the query string out of the reason', async () => {
    served.server.publish(signedBytes(sampleProfile(), keys));
    const service = newService({ requestTimeoutMs: 300 });
    await service.importFromUrl(`${served.server.url}?token=s3cret`);
    served.server.hang();
    const check = await service.checkNow();
    expect(check).toEqual({
      at: clock().toISOString(),
      result: 'failed',
      reason: `GET ${served.server.url}: no answer within 0.3 s`,
      problem: { code: 'profiles.timed-out', params: { host: new URL(served.server.url).host, seconds: 0.3 } },
    });
    expect(JSON.stringify(service.state())).not.toContain('s3cret');
    expect(service.summary()?.serial).toBe(1);
  });

  it('reports a refused connection in one line', async () => {
    const closedUrl = served.server.url;
    await served.replaceServer();
    const outcome = await newService().importFromUrl(closedUrl);
    expect(outcome).toMatchObject({ ok: false, kind: 'failed' });
    expect(!outcome.ok && outcome.reason).toMatch(new RegExp(`^GET ${closedUrl.replace(/[.?]/g, '\\$&')}: .*ECONNREFUSED`));
  });

  it('only fetches http and https URLs', async () => {
    expect(await newService().importFromUrl('file:///etc/passwd')).toEqual({
      ok: false,
      kind: 'refused',
      reason: 'only http:// and https:// profile URLs are allowed, not file://',
      problem: { code: 'profiles.address-scheme' },
    });
    expect(served.server.requests).toEqual([]);
  });
});

describe('ProfilePoller scheduling', () => {
  it('checks at once on start, again every interval, shares a check in flight, and stops', async () => {
    served.server.publish(signedBytes(sampleProfile(), keys));
    const checks: LastCheck[] = [];
    const poller = new ProfilePoller({
      clock,
      intervalMinutes: 0.002,
      timeoutMs: 2_000,
      target: () => ({ url: served.server.url }),
      apply: async () => {
        const check: LastCheck = { at: clock().toISOString(), result: 'applied' };
        checks.push(check);
        return check;
      },
      record: async (check) => void checks.push(check),
    });
    const [first, second] = await Promise.all([poller.checkNow(), poller.checkNow()]);
    expect(first).toBe(second);
    expect(served.server.requests).toHaveLength(1);

    poller.start();
    expect(poller.running).toBe(true);
    await expect.poll(() => served.server.requests.length, { timeout: 5_000 }).toBeGreaterThanOrEqual(4);
    poller.stop();
    const settled = served.server.requests.length;
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(served.server.requests.length).toBeLessThanOrEqual(settled + 1);
    expect(poller.running).toBe(false);
    expect(checks.every((check) => check.result === 'applied')).toBe(true);
  });

  it('does nothing without a URL', async () => {
    const poller = new ProfilePoller({
      clock,
      intervalMinutes: 60,
      timeoutMs: 1_000,
      target: () => undefined,
      apply: async () => ({ at: '', result: 'applied' }),
      record: async () => undefined,
    });
    expect(await poller.checkNow()).toBeUndefined();
  });
});
