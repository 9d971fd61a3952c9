import { describe, expect, it } from 'vitest';
import type { MeetingLink } from '../../../main/services/meetings/agenda';
import { joinUrlFor } from '../../../main/services/meetings/join';
import { appLinkFor, isOpenableLink, webLinkFor } from '../../../main/services/meetings/links/app-links';
import { createCatalogue } from '../../../main/services/meetings/links/catalogue';

const catalogue = createCatalogue([{ name: 'Jitsi del Comune', urlPattern: 'https://meet\\.comune\\.example\\.it/', app: 'jitsi' }]);
const link = (serviceId: string, url: string): MeetingLink => {
  const service = catalogue.byId(serviceId);
  if (!service) throw new Error(`no service ${serviceId}`);
  return { service, url };
};
const installed = (schemes: string[]) => async (scheme: string) => schemes.includes(scheme);

describe('native app links', () => {
  it('Teams: msteams: with the same path and query', () => {
    expect(appLinkFor('teams', 'https://teams.microsoft.com/l/meetup-join/19%3ameeting_abc%40thread.v2/0?context=%7b%7d')).toBe(
      'msteams://teams.microsoft.com/l/meetup-join/19%3ameeting_abc%40thread.v2/0?context=%7b%7d',
    );
  });

  it('Zoom: zoommtg://…/join?confno=…&pwd=…, not for a personal link', () => {
    expect(appLinkFor('zoom', 'https://us02web.zoom.us/j/85312345678?pwd=abc.1')).toBe(
      'zoommtg://us02web.zoom.us/join?action=join&confno=85312345678&pwd=abc.1',
    );
    expect(appLinkFor('zoom', 'https://zoom.us/w/81234567890?tk=x')).toBe('zoommtg://zoom.us/join?action=join&confno=81234567890');
    expect(appLinkFor('zoom', 'https://zoom.us/my/anna')).toBeUndefined();
  });

  it('Jitsi and Slack huddles', () => {
    expect(appLinkFor('jitsi', 'https://meet.jit.si/Consiglio#config.startWithAudioMuted=true')).toBe(
      'jitsi-meet://meet.jit.si/Consiglio#config.startWithAudioMuted=true',
    );
    expect(appLinkFor('slack', 'https://app.slack.com/huddle/T01ABCDEF/C02GHIJKL')).toBe('slack://join-huddle?team=T01ABCDEF&id=C02GHIJKL');
  });

  it('a zoommtg: link found in an invitation opens in the browser as its web page', () => {
    expect(webLinkFor('zoommtg://zoom.us/join?action=join&confno=4155550123&pwd=c2VjcmV0')).toBe(
      'https://zoom.us/j/4155550123?pwd=c2VjcmV0',
    );
  });

  it('opens only web pages and the meeting apps, never file: or javascript:', () => {
    expect(isOpenableLink('msteams://teams.microsoft.com/l/meetup-join/x')).toBe(true);
    expect(isOpenableLink('https://meet.jit.si/x')).toBe(true);
    expect(isOpenableLink('file:///etc/passwd')).toBe(false);
    expect(isOpenableLink('javascript:alert(1)')).toBe(false);
  });
});

describe('choosing app or browser', () => {
  const zoom = link('zoom', 'https://us02web.zoom.us/j/85312345678?pwd=abc');

  it('auto: the app when its scheme has a handler, else the browser', async () => {
    expect(await joinUrlFor(zoom, 'auto', installed(['zoommtg']))).toBe(
      'zoommtg://us02web.zoom.us/join?action=join&confno=85312345678&pwd=abc',
    );
    expect(await joinUrlFor(zoom, 'auto', installed([]))).toBe('https://us02web.zoom.us/j/85312345678?pwd=abc');
  });

  it('the employee choice wins either way', async () => {
    expect(await joinUrlFor(zoom, 'browser', installed(['zoommtg']))).toBe('https://us02web.zoom.us/j/85312345678?pwd=abc');
    expect(await joinUrlFor(zoom, 'app', installed([]))).toBe('zoommtg://us02web.zoom.us/join?action=join&confno=85312345678&pwd=abc');
  });

  it("a service without an app, and the organisation's Jitsi with one", async () => {
    expect(await joinUrlFor(link('webex', 'https://x.webex.com/meet/anna'), 'app', installed(['webex']))).toBe(
      'https://x.webex.com/meet/anna',
    );
    expect(await joinUrlFor(link('org:0', 'https://meet.comune.example.it/Giunta'), 'auto', installed(['jitsi-meet']))).toBe(
      'jitsi-meet://meet.comune.example.it/Giunta',
    );
  });
});
