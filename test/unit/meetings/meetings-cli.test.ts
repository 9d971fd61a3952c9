import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runMeetingsCommand, type MeetingsCliIo } from '../../../main/cli/meetings-command';

const fixtures = join(import.meta.dirname, '..', '..', 'fixtures');
const ics = (name: string): string => join(fixtures, 'ics', name);

const run = async (argv: string[], stdin = '') => {
  let out = '';
  let err = '';
  const io: MeetingsCliIo = {
    out: (text) => void (out += text),
    err: (text) => void (err += text),
    readStdin: async () => stdin,
    now: () => new Date('2026-03-30T06:00:00Z'),
  };
  const code = await runMeetingsCommand(argv, io);
  return { code, out, err };
};

describe('scrivania meetings list', () => {
  it('prints today and tomorrow by default, in the given zone, with service and join URL', async () => {
    const { code, out } = await run(['list', '--ics', ics('outlook-exchange.ics'), '--tz', 'Europe/Rome']);
    expect(code).toBe(0);
    expect(out.split('\n')[0]).toBe(
      'Mon 30 Mar, 09:30–10:30  Riunione di Giunta  [Microsoft Teams] https://teams.microsoft.com/l/meetup-join/19%3ameeting_NjNhYzQ2ZTAtMWZkZi00YjM1LTk0OTMtMjQ5ZWQ1ZDc3ZTk2%40thread.v2/0?context=%7b%22Tid%22%3a%2272f988bf-86f1-41af-91ab-2d7cd011db47%22%2c%22Oid%22%3a%22b1e4c5a2-4f3d-4c2e-9a1b-7d6e5f4c3b2a%22%7d',
    );
    expect(out).toContain('2026-03-31 all day  Ferie\n');
    expect(out).toContain(
      'Tue 31 Mar, 11:00–12:00  Call fornitore protocollo  [Zoom] https://us02web.zoom.us/j/85312345678?pwd=bXlQd0xWc1ZtYk9vT2lrR3F2dz09\n',
    );
  });

  it('takes a window and another zone, and prints JSON', async () => {
    const { code, out } = await run([
      'list',
      '--ics',
      ics('outlook-exchange.ics'),
      '--from',
      '2026-04-13',
      '--to',
      '2026-04-15',
      '--tz',
      'America/New_York',
      '--json',
    ]);
    expect(code).toBe(0);
    const occurrences = JSON.parse(out) as { title: string; start: string; service?: { id: string } }[];
    expect(occurrences.map((occurrence) => [occurrence.title, occurrence.start, occurrence.service?.id])).toEqual([
      ['Riunione di Giunta (spostata a martedì)', '2026-04-14T13:00:00.000Z', 'teams'],
    ]);
  });

  it('warns about unreadable events on stderr and lists the rest', async () => {
    const { code, out, err } = await run(['list', '--ics', ics('malformed.ics'), '--tz', 'Europe/Rome']);
    expect(code).toBe(0);
    expect(err).toContain('warning: malformed.ics: event "Regola rotta": Invalid FREQ value: SOMETIMES\n');
    expect(out).toContain('Sportello anagrafe  [Jitsi] https://meet.jit.si/SportelloAnagrafe');
  });

  it('fails with one line when the calendar cannot be read', async () => {
    expect(await run(['list', '--ics', ics('not-a-calendar.html')])).toMatchObject({
      code: 1,
      err: 'scrivania meetings: not-a-calendar.html: this is not an iCalendar file: it starts with "<!DOCTYPE html>"\n',
    });
    expect(await run(['list', '--ics', ics('missing.ics')])).toMatchObject({
      code: 1,
      err: 'scrivania meetings: missing.ics: the file does not exist\n',
    });
  });

  it('explains wrong usage', async () => {
    expect((await run(['list'])).err).toContain('give either --ics FILE_OR_URL or --profile SIGNED.json');
    expect((await run(['list', '--ics', ics('outlook-exchange.ics'), '--tz', 'Mars/Olympus'])).err).toContain(
      '--tz must be an IANA time zone such as Europe/Rome, not "Mars/Olympus"',
    );
    expect((await run(['list', '--ics', ics('outlook-exchange.ics'), '--from', 'yesterday'])).err).toContain('--from must be an ISO date');
    expect((await run(['list', '--ics', 'ftp://example.invalid/c.ics'])).err).toContain('not "ftp:"');
    expect((await run(['list', '--profile', 'signed.json', '--user', 'no-equals'])).err).toContain(
      '--user takes KEY=VALUE, not "no-equals"',
    );
    expect((await run(['fetch'])).code).toBe(2);
  });
});

describe('scrivania meetings list --profile', () => {
  const profileFile = (calendars: unknown[]): string => {
    const dir = mkdtempSync(join(tmpdir(), 'scrivania-meetings-cli-'));
    const file = join(dir, 'comune.signed.json');
    writeFileSync(
      file,
      JSON.stringify({ profile: { schemaVersion: 1, calendars }, signature: { keyId: '0123456789abcdef', alg: 'Ed25519', value: 'AA==' } }),
    );
    return file;
  };

  it("lists the profile's calendars, filling ${user.KEY} from --user", async () => {
    const file = profileFile([{ id: 'work', name: 'Lavoro', url: join(fixtures, 'ics', '${user.calendar}.ics') }]);
    const { code, out } = await run(['list', '--profile', file, '--user', 'calendar=outlook-exchange', '--tz', 'Europe/Rome']);
    expect(code).toBe(0);
    expect(out).toContain('Riunione di Giunta  [Microsoft Teams]');
  });

  it('asks for the missing user value, and fails in one line when no calendar is listed', async () => {
    const file = profileFile([{ id: 'work', name: 'Lavoro', url: join(fixtures, 'ics', '${user.calendar}.ics') }]);
    expect(await run(['list', '--profile', file])).toMatchObject({
      code: 1,
      err: "scrivania meetings: the profile's calendars section uses ${user.calendar}: pass --user calendar=VALUE\n",
    });
    expect(await run(['list', '--profile', profileFile([])])).toMatchObject({ code: 1 });
  });
});

describe('scrivania meetings link', () => {
  it('prints the service, URL and dial-in of an invitation', async () => {
    const invitation = readFileSync(join(fixtures, 'invitations', 'zoom', 'plain-english.txt'), 'utf8');
    const { code, out } = await run(['link'], invitation);
    expect(code).toBe(0);
    expect(out).toBe(
      [
        'service  Zoom',
        'url      https://us02web.zoom.us/j/85312345678?pwd=bXlQd0xWc1ZtYk9vT2lrR3F2dz09.1',
        'phone    +390200667245  (Italy)',
        'phone    +390694806488  (Italy)',
        'phone    +16465588656  (US (New York))',
        'id       85312345678',
        'pin      482913',
        '',
      ].join('\n'),
    );
  });

  it('prints JSON for an HTML Teams body', async () => {
    const invitation = readFileSync(join(fixtures, 'invitations', 'teams', 'outlook-html-safelinks.html'), 'utf8');
    const { code, out } = await run(['link', '--json'], invitation);
    expect(code).toBe(0);
    expect(JSON.parse(out)).toMatchObject({
      service: { id: 'teams', name: 'Microsoft Teams' },
      url: expect.stringMatching(/^https:\/\/teams\.microsoft\.com\/l\/meetup-join\//),
      dialIn: { conferenceId: '469311248' },
    });
  });

  it('exits 1 when the invitation has no meeting link', async () => {
    expect(await run(['link'], 'Riunione in sala giunta alle 10.')).toEqual({
      code: 1,
      out: '',
      err: 'no meeting link found in the invitation\n',
    });
  });
});
