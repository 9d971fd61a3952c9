// The restart hooks the working-day benchmark uses: each peer refuses while down and serves again on the same
// address, with what it held before (the keychain's items, the calendar's body, the update feed's files).
import { execFile } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { CalendarServer } from '../meetings/calendar-server';
import { missingPeer, secretToolLookup, startSecretService } from '../secret-service';
import { startDemoUpdateFeed } from './demo-update-feed';

const stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const stop of stops.splice(0).reverse()) await stop();
});

const status = async (url: string): Promise<number | 'refused'> => {
  try {
    return (await fetch(url)).status;
  } catch {
    return 'refused';
  }
};

describe('the demo office peers restart on the same address', () => {
  it('the calendar server refuses while down and serves the same calendar on the same port after start(port)', async () => {
    const calendar = await new CalendarServer().start();
    stops.push(() => calendar.stop());
    calendar.publish('BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n');
    const url = calendar.url('/ufficio.ics');
    const port = Number(new URL(calendar.origin).port);
    await calendar.stop();
    expect(await status(url)).toBe('refused');
    await calendar.start(port);
    expect(calendar.url('/ufficio.ics')).toBe(url);
    const response = await fetch(url);
    expect(await response.text()).toContain('BEGIN:VCALENDAR');
  });

  it('the update feed refuses while down and offers the same latest.yml after restart()', async () => {
    const feed = await startDemoUpdateFeed('9.9.9');
    stops.push(() => feed.stop());
    const latest = new URL('latest.yml', feed.url).href;
    const before = await (await fetch(latest)).text();
    await feed.stop();
    expect(await status(latest)).toBe('refused');
    await feed.restart();
    expect(await (await fetch(latest)).text()).toBe(before);
    expect(before).toContain('version: 9.9.9');
  });

  it.skipIf(missingPeer('secret-service'))('the keychain daemon keeps its items across stopDaemon() and startDaemon()', async () => {
    const keychain = await startSecretService();
    stops.push(() => keychain.stop());
    const attributes = { service: 'scrivania-restart-test', account: 'mrossi' };
    await new Promise<void>((resolve, reject) => {
      const child = execFile(
        'secret-tool',
        ['store', '--label=restart test', ...Object.entries(attributes).flat()],
        { env: { ...process.env, ...keychain.env }, timeout: 5_000 },
        (error) => (error ? reject(error) : resolve()),
      );
      child.stdin?.end('the-secret');
    });
    await keychain.stopDaemon();
    // Without the daemon secret-tool fails (or finds nothing): nothing else answers for the Secret Service.
    expect(await secretToolLookup(keychain.env, attributes).catch(() => null)).toBeNull();
    await keychain.startDaemon();
    expect(await secretToolLookup(keychain.env, attributes)).toBe('the-secret');
  });
});
