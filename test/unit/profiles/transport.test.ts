import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fetchProfile, refuseUrl } from '../../../main/services/profiles/profile-fetch';
import { lintProfile } from '../../../main/services/profiles/profile-lint';
import { ProfileService } from '../../../main/services/profiles/profile-service';
import { ProfileVerifier } from '../../../main/services/profiles/profile-verifier';
import { fetchTrusting, startTlsServer } from '../../support/tls-server';
import { clock, keygen, NOW, sampleProfile, signedBytes, withTempDir } from './fixtures';

/** Profiles travel only over https (or plain http to this machine), redirects included, and are refused before their time. */

const keys = keygen();

/** A fetch that must never be called: the refusal comes before any connection. */
const noConnection = (): { fetch: typeof fetch; calls: string[] } => {
  const calls: string[] = [];
  return {
    calls,
    fetch: async (input) => {
      calls.push(String(input));
      throw new Error('no connection may be attempted');
    },
  };
};

describe('profile addresses', () => {
  it('refuses plain http to another machine before connecting, and names https', async () => {
    for (const url of [
      'http://192.0.2.10/profile.json',
      'http://profiles.comune.invalid/p.json',
      'http://10.0.0.5:8080/p.json?token=abc',
    ]) {
      const { fetch, calls } = noConnection();
      const outcome = await fetchProfile(fetch, url, { timeoutMs: 500 });
      expect(outcome, url).toMatchObject({ status: 'failed' });
      expect(outcome.status === 'failed' && outcome.reason, url).toMatch(
        /a profile is fetched only over https:\/\/ \(plain http only to this machine/,
      );
      expect(outcome.status === 'failed' && outcome.reason, url).not.toContain('token=abc');
      expect(calls, url).toEqual([]);
    }
  });

  it('refuses it through the service too, without recording a fetch', async () => {
    const { dir, remove } = await withTempDir();
    try {
      const { fetch, calls } = noConnection();
      const service = new ProfileService({ dataDir: dir, clock, trustedKeys: [keys.publicKeyPem], fetch });
      const outcome = await service.importFromUrl('http://192.0.2.10/profile.json');
      expect(outcome).toMatchObject({ ok: false, kind: 'refused' });
      expect(calls).toEqual([]);
    } finally {
      await remove();
    }
  });

  it('keeps plain http to loopback: 127.0.0.0/8, ::1 and localhost', () => {
    for (const url of ['http://127.0.0.1:8080/p.json', 'http://127.1.2.3/p.json', 'http://localhost/p.json', 'http://[::1]:9000/p.json'])
      expect(refuseUrl(url), url).toBeUndefined();
    expect(refuseUrl('https://profiles.comune.test/p.json')).toBeUndefined();
  });

  it('reads a profile over plain http from 127.0.0.1, as the lab serves it', async () => {
    const body = signedBytes(sampleProfile(), keys);
    const server = createServer((_request, response) => response.writeHead(200, { 'content-type': 'application/json' }).end(body));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/profile.json`;
      const outcome = await fetchProfile(fetch, url, { timeoutMs: 2_000 });
      expect(outcome).toMatchObject({ status: 'ok' });
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});

describe('profile redirects', () => {
  let plain: Server;
  let plainHits: string[];
  let plainOrigin: string;
  let tls: Awaited<ReturnType<typeof startTlsServer>>;
  const body = signedBytes(sampleProfile(), keys);

  beforeEach(async () => {
    plainHits = [];
    plain = createServer((request, response) => {
      plainHits.push(request.url ?? '/');
      response.writeHead(200, { 'content-type': 'application/json' }).end(body);
    });
    await new Promise<void>((resolve) => plain.listen(0, '127.0.0.1', resolve));
    plainOrigin = `http://127.0.0.1:${(plain.address() as AddressInfo).port}`;
    tls = await startTlsServer((request, response) => {
      if (request.url === '/to-http') return response.writeHead(302, { location: `${plainOrigin}/profile.json` }).end();
      if (request.url === '/moved') return response.writeHead(301, { location: '/profile.json' }).end();
      if (request.url?.startsWith('/loop')) return response.writeHead(302, { location: `/loop${(request.url.length % 9) + 1}` }).end();
      response.writeHead(200, { 'content-type': 'application/json' }).end(body);
    });
  });

  afterEach(async () => {
    await tls.close();
    await new Promise<void>((resolve) => plain.close(() => resolve()));
  });

  it('never follows an https address to plain http, even on this machine', async () => {
    const outcome = await fetchProfile(fetchTrusting(tls.cert), `${tls.origin}/to-http`, { timeoutMs: 2_000 });
    expect(outcome).toEqual({
      status: 'failed',
      reason: `GET ${tls.origin}/to-http: a redirect from https:// to plain http:// (${plainOrigin}/profile.json) is not followed`,
      problem: { code: 'profiles.redirect-refused', params: { host: new URL(tls.origin).host } },
    });
    expect(plainHits).toEqual([]);
  });

  it('follows a redirect that stays on https, and stops after five', async () => {
    expect(await fetchProfile(fetchTrusting(tls.cert), `${tls.origin}/moved`, { timeoutMs: 2_000 })).toMatchObject({ status: 'ok' });
    expect(await fetchProfile(fetchTrusting(tls.cert), `${tls.origin}/loop`, { timeoutMs: 2_000 })).toEqual({
      status: 'failed',
      reason: `GET ${tls.origin}/loop: more than 5 redirects`,
      problem: { code: 'profiles.redirect-refused', params: { host: new URL(tls.origin).host } },
    });
  });

  it('never follows a redirect from loopback http to another machine over http', async () => {
    const { fetch: never, calls } = noConnection();
    let first = true;
    const fetchImpl: typeof fetch = async (input, init) => {
      if (!first) return never(input, init);
      first = false;
      return new Response(null, { status: 302, headers: { location: 'http://192.0.2.10/profile.json' } });
    };
    const outcome = await fetchProfile(fetchImpl, 'http://127.0.0.1:1/profile.json', { timeoutMs: 500 });
    expect(outcome.status === 'failed' && outcome.reason).toMatch(
      /a redirect to http:\/\/192\.0\.2\.10\/profile\.json is not followed: .*only over https/,
    );
    expect(calls).toEqual([]);
  });
});

describe('a profile not valid yet', () => {
  const issuedIn = (ms: number) =>
    sampleProfile({ issuedAt: new Date(NOW.getTime() + ms).toISOString(), expiresAt: '2031-01-01T00:00:00Z' });

  it('is refused when issued more than five minutes ahead of the clock, with a sentence saying so', () => {
    const verifier = new ProfileVerifier({ trustedKeys: [keys.publicKeyPem], clock });
    const result = verifier.verify(
      signedBytes(sampleProfile({ issuedAt: '2030-01-01T00:00:00Z', expiresAt: '2031-01-01T00:00:00Z' }), keys),
    );
    expect(result).toEqual({
      ok: false,
      stage: 'not-yet-valid',
      reason:
        "profile comune-prato-smartworking is not valid until 2030-01-01T00:00:00Z, which is ahead of this computer's clock (check its date and time)",
      problem: { code: 'profiles.not-yet-valid', params: { date: '2030-01-01T00:00:00Z' } },
    });
    expect(verifier.verify(signedBytes(issuedIn(6 * 60_000), keys))).toMatchObject({ ok: false, stage: 'not-yet-valid' });
  });

  it('is accepted within five minutes of clock skew', () => {
    const verifier = new ProfileVerifier({ trustedKeys: [keys.publicKeyPem], clock });
    expect(verifier.verify(signedBytes(issuedIn(4 * 60_000), keys))).toMatchObject({ ok: true });
  });

  it('is not applied by the service, and the check says why', async () => {
    const { dir, remove } = await withTempDir();
    try {
      const service = new ProfileService({ dataDir: dir, clock, trustedKeys: [keys.publicKeyPem] });
      const outcome = await service.importBytes(signedBytes(issuedIn(365 * 86_400_000), keys));
      expect(outcome).toMatchObject({
        ok: false,
        kind: 'refused',
        reason: expect.stringMatching(/is not valid until .* ahead of this computer's clock/),
      });
      expect(service.state().current).toBeNull();
      expect(service.state().lastCheck).toMatchObject({ result: 'refused' });
    } finally {
      await remove();
    }
  });
});

describe('profile lint on transport', () => {
  const lint = (overrides: Record<string, unknown>) => lintProfile(sampleProfile(overrides), NOW);
  const calendar = (fields: Record<string, unknown>) => ({ calendars: [{ id: 'work', name: 'Lavoro', ...fields }] });

  it('errors on a calendar that would send its password or token in clear to another machine', () => {
    for (const fields of [
      { url: 'http://calendar.comune.test/cal.ics', auth: 'basic', username: 'anna' },
      { url: 'http://192.0.2.10/cal.ics', auth: 'bearer' },
      { url: 'http://calendar.comune.test/cal.ics?token=s3cret' },
    ]) {
      const report = lint(calendar(fields));
      expect(report.errors, fields.url).toEqual([
        expect.stringMatching(
          /^profile\.calendars\[0\]\.url: http:\/\/[^?]*: an? .* is never sent over plain http: use an https:\/\/ address/,
        ),
      ]);
      expect(report.errors.join(), fields.url).not.toContain('s3cret');
      expect(
        report.warnings.filter((warning) => warning.includes('calendars')),
        fields.url,
      ).toEqual([]);
    }
  });

  it('warns on any other address over plain http to another machine', () => {
    const report = lint({
      ...calendar({ url: 'http://calendar.comune.test/public.ics' }),
      links: [{ title: 'Intranet', url: 'http://intranet.comune.test/' }],
      phone: { server: 'ws://pbx.comune.test:8088/ws' },
    });
    expect(report.errors).toEqual([]);
    expect(report.warnings).toEqual(
      expect.arrayContaining([
        'profile.calendars[0].url: http://calendar.comune.test/public.ics travels unencrypted over the network: use https://',
        'profile.links[0].url: http://intranet.comune.test/ travels unencrypted over the network: use https://',
        'profile.phone.server: ws://pbx.comune.test:8088/ws travels unencrypted over the network: use wss://',
      ]),
    );
  });

  it('says nothing about https, webcal, or plain http to this machine, credentials included', () => {
    for (const fields of [
      { url: 'https://calendar.comune.test/cal.ics', auth: 'basic', username: 'anna' },
      { url: 'webcal://calendar.comune.test/cal.ics', auth: 'bearer' },
      { url: 'http://127.0.0.1:8080/cal.ics', auth: 'basic', username: 'anna' },
      { url: 'http://localhost/cal.ics?token=abc' },
    ]) {
      const report = lint(calendar(fields));
      expect(report.errors, fields.url).toEqual([]);
      expect(
        report.warnings.filter((warning) => /unencrypted|plain http/.test(warning)),
        fields.url,
      ).toEqual([]);
    }
  });

  it('warns that a profile issued in the future is refused until then', () => {
    expect(lint({ issuedAt: '2030-01-01T00:00:00Z', expiresAt: '2031-01-01T00:00:00Z' }).warnings).toContain(
      'profile.issuedAt: 2030-01-01T00:00:00Z is in the future: Scrivania refuses the profile until then',
    );
  });
});
