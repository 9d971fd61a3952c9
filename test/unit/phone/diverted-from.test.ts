import { describe, expect, it } from 'vitest';
import { divertedFrom } from '../../../common/phone/diverted-from';
import { parseNameAddrList, uriUser } from '../../../common/phone/name-addr';

const groups = [
  { name: 'Polizia Municipale', number: '600' },
  { name: 'Telefono Argento', number: '0574 1836000' },
];
const none = { diversion: [], historyInfo: [] };

describe('name-addr lists', () => {
  it('splits on commas outside quotes and angle brackets, keeping display names and parameters', () => {
    const entries = parseNameAddrList([
      '"Rossi, Mario" <sip:2099@pbx.example;user=phone>;reason=user-busy;counter=1, <tel:+39-0574-1836000>;reason=unconditional',
    ]);
    expect(entries).toEqual([
      { displayName: 'Rossi, Mario', uri: 'sip:2099@pbx.example;user=phone', params: { reason: 'user-busy', counter: '1' } },
      { uri: 'tel:+39-0574-1836000', params: { reason: 'unconditional' } },
    ]);
  });

  it('reads the number of sip:, sips: and tel: URIs, without user parameters or escapes', () => {
    expect(uriUser('sip:600@pbx.example')).toBe('600');
    expect(uriUser('sips:%2B390574@pbx.example:5061;transport=tls')).toBe('+390574');
    expect(uriUser('sip:+390574;phone-context=comune@pbx')).toBe('+390574');
    expect(uriUser('tel:+39-0574-1836000;phone-context=+39')).toBe('+3905741836000');
    expect(uriUser('http://example.com')).toBeUndefined();
  });
});

describe('the line a call was diverted from', () => {
  it('is undefined for a call that was not diverted', () => {
    expect(divertedFrom(none, '2041', groups)).toBeUndefined();
  });

  it('names an answer group from a Diversion header (RFC 5806), as Kamailio adds it', () => {
    expect(divertedFrom({ diversion: ['<sip:600@127.0.0.1>;reason=unconditional'], historyInfo: [] }, '2041', groups)).toEqual({
      number: '600',
      group: 'Polizia Municipale',
      reason: 'unconditional',
      header: 'Diversion',
    });
  });

  it('in a chain of Diversion entries (latest first) prefers the answer group, wherever it is', () => {
    const chain = {
      diversion: ['<sip:2099@pbx>;reason=no-answer;counter=1', '<sip:600@pbx>;reason=unconditional;counter=1'],
      historyInfo: [],
    };
    expect(divertedFrom(chain, '2041', groups)).toMatchObject({ number: '600', group: 'Polizia Municipale' });
  });

  it('without an answer group in the chain, names the line first dialled, with the display name the PBX gave', () => {
    const chain = { diversion: ['<sip:2099@pbx>;reason=no-answer', '"Ufficio Tributi" <sip:2100@pbx>;reason=user-busy'], historyInfo: [] };
    expect(divertedFrom(chain, '2041', groups)).toEqual({
      number: '2100',
      displayName: 'Ufficio Tributi',
      reason: 'user-busy',
      header: 'Diversion',
    });
  });

  it('matches a group number however the PBX spaces it, and reads Diversion split over several header lines', () => {
    const split = { diversion: ['<tel:+39 0574 1836000>;reason=time-of-day', '<sip:2099@pbx>;reason=deflection'], historyInfo: [] };
    expect(divertedFrom({ diversion: ['<sip:05741836000@pbx>;reason=time-of-day'], historyInfo: [] }, '2041', groups)).toMatchObject({
      group: 'Telefono Argento',
    });
    expect(divertedFrom(split, '2041', groups)).toMatchObject({ number: '2099', reason: 'deflection' });
  });

  it('ignores a diversion from the employee’s own extension', () => {
    expect(divertedFrom({ diversion: ['<sip:2041@pbx>;reason=unconditional'], historyInfo: [] }, '2041', groups)).toBeUndefined();
  });

  it('reads History-Info (RFC 7044) in index order, with the reason escaped into the URI', () => {
    const historyInfo = [
      '<sip:600@pbx.example?Reason=SIP%3Bcause%3D302%3Btext%3D%22Moved%22>;index=1',
      '<sip:2041@pbx.example>;index=1.1;mp=1',
    ];
    expect(divertedFrom({ diversion: [], historyInfo }, '2041', groups)).toEqual({
      number: '600',
      group: 'Polizia Municipale',
      reason: 'unconditional',
      header: 'History-Info',
    });
  });

  it('reads the RFC 4458 cause on the next target and skips entries that only retarget to the same user', () => {
    const historyInfo = ['<sip:2041@10.0.0.7>;index=1.1.1;rc=1.1', '<sip:2100@pbx>;index=1', '<sip:2041@pbx;cause=486>;index=1.1;mp=1'];
    expect(divertedFrom({ diversion: [], historyInfo }, '2041', groups)).toEqual({
      number: '2100',
      reason: 'user-busy',
      header: 'History-Info',
    });
  });

  it('with both headers prefers whichever names an answer group', () => {
    const headers = {
      diversion: ['<sip:2099@pbx>;reason=no-answer'],
      historyInfo: ['<sip:600@pbx>;index=1', '<sip:2041@pbx>;index=1.1;mp=1'],
    };
    expect(divertedFrom(headers, '2041', groups)).toMatchObject({ number: '600', header: 'History-Info', group: 'Polizia Municipale' });
  });

  it('survives malformed headers', () => {
    expect(divertedFrom({ diversion: ['garbage, <>, "unterminated'], historyInfo: ['<sip:600@pbx>'] }, '2041', groups)).toBeUndefined();
  });
});
