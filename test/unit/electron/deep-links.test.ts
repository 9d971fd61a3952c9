import { describe, expect, it } from 'vitest';
import { deepLinksIn, parseDeepLink } from '../../../main/host/electron/deep-links';

describe('scrivania:// links', () => {
  it('reads a profile link', () => {
    expect(parseDeepLink('scrivania://profile?url=https%3A%2F%2Fprofiles.comune.example%2Fuffici.json')).toEqual({
      kind: 'profile',
      url: 'https://profiles.comune.example/uffici.json',
    });
  });

  it('ignores other schemes, other actions, missing or non-web URLs', () => {
    expect(parseDeepLink('https://profile?url=https://a.example/p.json')).toBeUndefined();
    expect(parseDeepLink('scrivania://run?url=https://a.example/p.json')).toBeUndefined();
    expect(parseDeepLink('scrivania://profile')).toBeUndefined();
    expect(parseDeepLink('scrivania://profile?url=file:///etc/passwd')).toBeUndefined();
    expect(parseDeepLink('scrivania://profile?url=not a url')).toBeUndefined();
    expect(parseDeepLink('::::')).toBeUndefined();
  });

  it('finds links among command-line arguments', () => {
    expect(deepLinksIn(['/opt/Scrivania/scrivania', '--no-sandbox', 'scrivania://profile?url=https://a.example/p.json'])).toEqual([
      { kind: 'profile', url: 'https://a.example/p.json' },
    ]);
  });
});

describe('tel: and sip: links', () => {
  it('become a call for the softphone', () => {
    expect(parseDeepLink('tel:+39%200574%201835000')).toEqual({ kind: 'dial', target: 'tel:+39 0574 1835000' });
    expect(parseDeepLink('sip:2041@pbx.comune.prato.example')).toEqual({ kind: 'dial', target: 'sip:2041@pbx.comune.prato.example' });
  });

  it('refuse control characters and absurd lengths', () => {
    expect(parseDeepLink('tel:123%0Aevil')).toBeUndefined();
    expect(parseDeepLink(`tel:${'1'.repeat(300)}`)).toBeUndefined();
  });

  it('refuse a malformed percent escape instead of throwing', () => {
    expect(() => parseDeepLink('tel:100%')).not.toThrow();
    expect(parseDeepLink('tel:100%')).toBeUndefined();
    expect(parseDeepLink('sip:%E0%A4%A@pbx.example')).toBeUndefined();
    expect(deepLinksIn(['/opt/Scrivania/scrivania', 'tel:100%', 'tel:101'])).toEqual([{ kind: 'dial', target: 'tel:101' }]);
  });
});
