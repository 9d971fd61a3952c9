import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DialIn } from '../../../common/contract/meetings';
import { createCatalogue } from '../../../main/services/meetings/links/catalogue';
import { detectInInvitation, detectMeetingLink } from '../../../main/services/meetings/links/detect-link';
import { extractDialIn } from '../../../main/services/meetings/links/dial-in';
import { htmlToText, looksLikeHtml } from '../../../main/services/meetings/links/html-text';

const fixtures = join(import.meta.dirname, '..', '..', 'fixtures', 'invitations');

interface Corpus {
  files: { file: string; service: string | null; url?: string; dialIn?: DialIn }[];
  services: Record<string, { positive: string[]; negative: string[]; expect: Record<string, string> }>;
}

const corpus = JSON.parse(readFileSync(join(fixtures, 'corpus.json'), 'utf8')) as Corpus;
const catalogue = createCatalogue();

const escapeHtml = (text: string): string => text.replaceAll('&', '&amp;').replaceAll('"', '&quot;');

/** The three layouts a link arrives in: a plain-text body, an HTML body, and an Outlook SafeLink. */
const layouts: ((url: string) => string)[] = [
  (url) => `Buongiorno,\nriunione online del gruppo di lavoro.\nPartecipa da qui: ${url}.\nA presto,\nAnna Bianchi\nUfficio Tecnico`,
  (url) =>
    `<html><body><p>You are invited.</p><p><a href="${escapeHtml(url)}" target="_blank">Click here to join the meeting</a></p><p>See you there</p></body></html>`,
  (url) =>
    `Join: https://eur01.safelinks.protection.outlook.com/?url=${encodeURIComponent(url)}&data=05%7C02%7Canna%40comune.example.it%7C0%7C&sdata=QmFzZTY0%3D&reserved=0\nThanks`,
];

const urlIn = (text: string): string => /(?:https?|zoommtg|discord):\/\/\S+/.exec(text)?.[0] ?? text;

const dialInOf = (text: string, serviceId: string): DialIn | undefined => {
  const style = catalogue.byId(serviceId)?.dialIn;
  if (!style) return undefined;
  return extractDialIn(looksLikeHtml(text) ? htmlToText(text) : text, style);
};

describe('the corpus covers every service', () => {
  it('has at least 3 positive and 2 negative invitations for each built-in service', () => {
    for (const service of catalogue.all) {
      const files = corpus.files.filter((entry) => entry.file.startsWith(`${service.id}/`));
      const table = corpus.services[service.id];
      const positives = files.filter((entry) => entry.service !== null).length + (table?.positive.length ?? 0);
      const negatives = files.filter((entry) => entry.service === null).length + (table?.negative.length ?? 0);
      expect({ service: service.id, positives: positives >= 3, negatives: negatives >= 2 }).toEqual({
        service: service.id,
        positives: true,
        negatives: true,
      });
    }
    expect(catalogue.all.length).toBeGreaterThanOrEqual(68);
  });
});

describe('real invitation layouts (Teams, Zoom, Webex, Google Meet)', () => {
  for (const entry of corpus.files) {
    it(`${entry.file}: ${entry.service ?? 'no meeting link'}`, () => {
      const text = readFileSync(join(fixtures, entry.file), 'utf8');
      const found = detectInInvitation(text, catalogue);
      if (entry.service === null) {
        expect(found?.url).toBeUndefined();
        return;
      }
      expect(found?.service.id).toBe(entry.service);
      expect(found?.url).toBe(entry.url);
      if (entry.dialIn) expect(dialInOf(text, entry.service)).toEqual(entry.dialIn);
    });
  }
});

describe('every other service, in plain text, HTML and SafeLinks', () => {
  for (const [serviceId, table] of Object.entries(corpus.services)) {
    it(`${serviceId}: finds its ${table.positive.length} links and nothing in ${table.negative.length} look-alikes`, () => {
      table.positive.forEach((written, index) => {
        const layout = layouts[index % layouts.length] as (url: string) => string;
        const found = detectInInvitation(layout(written), catalogue);
        expect({ layout: index % layouts.length, service: found?.service.id, url: found?.url }).toEqual({
          layout: index % layouts.length,
          service: serviceId,
          url: table.expect[written] ?? urlIn(written),
        });
      });
      for (const text of table.negative) expect(detectInInvitation(text, catalogue)?.url).toBeUndefined();
    });
  }
});

describe('where the link is looked for', () => {
  const teams = 'https://teams.microsoft.com/l/meetup-join/19%3ameeting_abc%40thread.v2/0';
  const zoom = 'https://us02web.zoom.us/j/85312345678?pwd=abc';

  it('takes conference data first, then URL, LOCATION, DESCRIPTION, and the HTML body last', () => {
    const all = {
      conference: [teams],
      url: 'https://meet.jit.si/FromUrl',
      location: zoom,
      description: 'https://meet.google.com/abc-defg-hij',
      htmlDescription: '<a href="https://whereby.com/from-html">x</a>',
    };
    expect(detectMeetingLink(all, catalogue)).toMatchObject({ field: 'conference', url: teams });
    expect(detectMeetingLink({ ...all, conference: [] }, catalogue)).toMatchObject({ field: 'url', url: 'https://meet.jit.si/FromUrl' });
    expect(detectMeetingLink({ location: zoom, description: all.description }, catalogue)).toMatchObject({
      field: 'location',
      service: { id: 'zoom' },
    });
    expect(detectMeetingLink({ description: all.description, htmlDescription: all.htmlDescription }, catalogue)).toMatchObject({
      field: 'description',
      service: { id: 'meet' },
    });
    expect(detectMeetingLink({ description: 'Sala 3', htmlDescription: all.htmlDescription }, catalogue)).toMatchObject({
      field: 'html',
      url: 'https://whereby.com/from-html',
    });
  });

  it('prefers the longest known-service URL within one field', () => {
    const text = `Personal room https://zoom.us/my/anna and today's meeting ${zoom}`;
    expect(detectInInvitation(text, catalogue)?.url).toBe(zoom);
  });

  it('completes a bare link from a later field that holds the same link with its passcode', () => {
    const found = detectMeetingLink({ location: 'https://us02web.zoom.us/j/85312345678', description: `Join: ${zoom}` }, catalogue);
    expect(found).toMatchObject({ field: 'location', url: zoom });
    const other = detectMeetingLink(
      { location: 'https://us02web.zoom.us/j/85312345678', description: 'Other: https://us02web.zoom.us/j/85312345678999?pwd=x' },
      catalogue,
    );
    expect(other?.url).toBe('https://us02web.zoom.us/j/85312345678');
  });

  it('reads links from HTML entities and the href of an anchor whose text is not a URL', () => {
    const html = '<p><a href="https://us02web.zoom.us/j/85312345678?pwd=abc&amp;uname=Anna">Entra</a></p>';
    expect(detectInInvitation(html, catalogue)?.url).toBe('https://us02web.zoom.us/j/85312345678?pwd=abc&uname=Anna');
  });

  it('unwraps a Google redirect inside a SafeLink', () => {
    const google = `https://www.google.com/url?q=${encodeURIComponent('https://meet.google.com/abc-defg-hij')}&sa=D`;
    const safe = `https://nam12.safelinks.protection.outlook.com/?url=${encodeURIComponent(google)}&data=x&reserved=0`;
    expect(detectInInvitation(`Link: ${safe}`, catalogue)?.url).toBe('https://meet.google.com/abc-defg-hij');
  });

  it("detects the organisation's own services before the built-in ones, and its Jitsi opens in the Jitsi app", () => {
    const own = createCatalogue([{ name: 'Jitsi del Comune', urlPattern: 'https://meet\\.comune\\.example\\.it/', app: 'jitsi' }]);
    const found = detectInInvitation('Consiglio: https://meet.comune.example.it/Consiglio2026 (porta le cuffie)', own);
    expect(found).toMatchObject({
      service: { id: 'org:0', name: 'Jitsi del Comune', app: 'jitsi' },
      url: 'https://meet.comune.example.it/Consiglio2026',
    });
    expect(detectInInvitation('Consiglio: https://meet.comune.example.it/Consiglio2026', catalogue)).toBeUndefined();
  });

  it('finds nothing in text without links', () => {
    expect(detectInInvitation('Riunione in sala giunta, primo piano. Portare il verbale.', catalogue)).toBeUndefined();
  });
});
