import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { HttpCalendarProvider, type HttpCalendarOptions } from '../../../main/services/meetings/calendars/http-provider';
import { fetchTrusting, startTlsServer } from '../../support/tls-server';

/** A calendar's password, token or secret address goes only over https, or plain http to this machine. */

const ICS = 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nEND:VCALENDAR\r\n';

const provider = (options: Partial<HttpCalendarOptions> & { url: string }) =>
  new HttpCalendarProvider({ timeoutMs: 500, userAgent: 'Scrivania/test', ...options });

/** A fetch that records what it was asked and never connects anywhere. */
const recordingFetch = () => {
  const calls: { url: string; authorization: string | undefined }[] = [];
  const fetchImpl: typeof fetch = async (input, init) => {
    calls.push({ url: String(input), authorization: new Headers(init?.headers).get('authorization') ?? undefined });
    return new Response(ICS, { status: 200, headers: { 'content-type': 'text/calendar' } });
  };
  return { calls, fetch: fetchImpl };
};

describe('calendar credentials over the network', () => {
  it('refuses Basic or bearer over plain http to another machine before asking the keychain or connecting', async () => {
    for (const auth of [{ kind: 'basic' as const, username: 'anna.bianchi' }, { kind: 'bearer' as const }]) {
      const { calls, fetch } = recordingFetch();
      let asked = 0;
      const calendar = provider({
        url: 'http://192.0.2.10/cal.ics',
        auth,
        secret: async () => {
          asked++;
          return { secret: 's3gret-Pass' };
        },
        fetch,
      });
      await expect(calendar.fetch(undefined)).rejects.toThrow(
        '192.0.2.10: a password or token is never sent over plain http: use an https:// address (plain http only to this machine, 127.0.0.1 or localhost)',
      );
      expect(calls).toEqual([]);
      expect(asked).toBe(0);
    }
  });

  it('refuses with the platform fetch at once, not after a connection attempt times out', async () => {
    const started = Date.now();
    const calendar = provider({
      url: 'http://192.0.2.1/cal.ics',
      auth: { kind: 'bearer' },
      secret: async () => ({ secret: 'token' }),
      timeoutMs: 5_000,
    });
    await expect(calendar.fetch(undefined)).rejects.toThrow(/never sent over plain http/);
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('refuses an address with a token in it over plain http, without quoting the token', async () => {
    const { calls, fetch } = recordingFetch();
    const calendar = provider({ url: 'http://calendar.comune.test/feed.ics?token=abc123', fetch });
    const failure = calendar.fetch(undefined);
    await expect(failure).rejects.toThrow(/an address with a token in it is never sent over plain http/);
    await expect(failure).rejects.not.toThrow(/abc123/);
    expect(calls).toEqual([]);
  });

  it('still reads a public calendar over plain http, with nothing secret to send', async () => {
    const { calls, fetch } = recordingFetch();
    const outcome = await provider({ url: 'http://calendar.comune.test/public.ics', fetch }).fetch(undefined);
    expect(outcome).toMatchObject({ kind: 'changed' });
    expect(calls).toEqual([{ url: 'http://calendar.comune.test/public.ics', authorization: undefined }]);
  });

  it('sends credentials over https, and over plain http to 127.0.0.1, ::1 and localhost', async () => {
    for (const url of [
      'https://calendar.comune.test/cal.ics',
      'webcal://calendar.comune.test/cal.ics',
      'http://127.0.0.1:8080/cal.ics',
      'http://[::1]:8080/cal.ics?token=x',
      'http://localhost/cal.ics',
    ]) {
      const { calls, fetch } = recordingFetch();
      const outcome = await provider({ url, auth: { kind: 'bearer' }, secret: async () => ({ secret: 'tok' }), fetch }).fetch(undefined);
      expect(outcome, url).toMatchObject({ kind: 'changed' });
      expect(calls[0]?.authorization, url).toBe('Bearer tok');
    }
  });

  it('refuses an https calendar that redirects to plain http, and the plain server sees nothing', async () => {
    const seen: IncomingHttpHeaders[] = [];
    const plain = createServer((request, response) => {
      seen.push(request.headers);
      response.writeHead(200, { 'content-type': 'text/calendar' }).end(ICS);
    });
    await new Promise<void>((resolve) => plain.listen(0, '127.0.0.1', resolve));
    const plainUrl = `http://127.0.0.1:${(plain.address() as AddressInfo).port}/cal.ics`;
    const tls = await startTlsServer((_request, response) => response.writeHead(302, { location: plainUrl }).end());
    try {
      const calendar = provider({
        url: `${tls.origin}/cal.ics`,
        auth: { kind: 'basic', username: 'anna.bianchi' },
        secret: async () => ({ secret: 's3gret-Pass' }),
        fetch: fetchTrusting(tls.cert),
        timeoutMs: 2_000,
      });
      await expect(calendar.fetch(undefined)).rejects.toThrow(/a redirect from HTTPS to plain HTTP is not followed/);
      expect(seen).toEqual([]);
    } finally {
      await tls.close();
      await new Promise<void>((resolve) => plain.close(() => resolve()));
    }
  });
});

describe('a calendar fetch that fails', () => {
  /** A local server answering every request with `status`. */
  const answering = async (status: number) => {
    const server = createServer((_request, response) => response.writeHead(status).end());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    return { url: `http://127.0.0.1:${port}/cal.ics`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
  };

  it('names the catalogue problem for what the server answered, with its status, beside the technical line', async () => {
    for (const [status, code] of [
      [404, 'meetings.calendar-gone'],
      [401, 'meetings.calendar-credentials'],
      [503, 'meetings.calendar-server-error'],
      [418, 'meetings.calendar-http'],
    ] as const) {
      const served = await answering(status);
      try {
        await expect(provider({ url: served.url }).fetch(undefined)).rejects.toMatchObject({
          message: expect.stringContaining(`HTTP ${status}`),
          problem: { code, params: { status } },
        });
      } finally {
        await served.close();
      }
    }
  });

  it('names a refused connection with the host, never the library message', async () => {
    const served = await answering(200);
    await served.close();
    const host = new URL(served.url).host;
    await expect(provider({ url: served.url }).fetch(undefined)).rejects.toMatchObject({
      message: `${host}: the connection was refused`,
      problem: { code: 'meetings.calendar-refused', params: { host } },
    });
  });
});
