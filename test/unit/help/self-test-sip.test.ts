import { describe, expect, it } from 'vitest';
import { digestAuthorization, parseDigestChallenge, parseSipResponse } from '../../../main/services/help/self-test/sip-over-websocket';

const field = (header: string, name: string): string | undefined => new RegExp(`${name}="?([^",]+)"?`).exec(header)?.[1];

/** The Authorization header for the RFCs' worked example: Mufasa's GET of /dir/index.html, the first use of the nonce. */
const rfcExampleAuthorization = (challenge: ReturnType<typeof parseDigestChallenge>, password: string, cnonce: string): string =>
  digestAuthorization(challenge as NonNullable<typeof challenge>, { username: 'Mufasa', password }, 'GET', '/dir/index.html', 1, cnonce);

describe('the self-test REGISTER client', () => {
  it('answers the digest challenge of RFC 2617 §3.5 with its published response (MD5, qop=auth)', () => {
    const challenge = parseDigestChallenge([
      'Digest realm="testrealm@host.com", qop="auth,auth-int", nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093", opaque="5ccc069c403ebaf9f0171e9517f40e41"',
    ]);
    expect(challenge).toEqual({
      realm: 'testrealm@host.com',
      nonce: 'dcd98b7102dd2f0e8b11d0f600bfb0c093',
      opaque: '5ccc069c403ebaf9f0171e9517f40e41',
      algorithm: 'MD5',
      qop: 'auth',
    });
    const header = rfcExampleAuthorization(challenge, 'Circle Of Life', '0a4f113b');
    expect(field(header, 'response')).toBe('6629fae49393a05397450978507c4ef1');
    expect(header).toContain('nc=00000001');
    expect(header).toContain('opaque="5ccc069c403ebaf9f0171e9517f40e41"');
  });

  it('answers the SHA-256 challenge of RFC 7616 §3.9.1 with its published response', () => {
    const challenge = parseDigestChallenge([
      'Digest realm="http-auth@example.org", qop="auth, auth-int", algorithm=SHA-256, nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS"',
    ]);
    const header = rfcExampleAuthorization(challenge, 'Circle of Life', 'f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ');
    expect(field(header, 'response')).toBe('753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1');
  });

  it('answers without qop as RFC 2069 did when the server offers none, as Kamailio with qop off', () => {
    const challenge = parseDigestChallenge(['Digest realm="127.0.0.1", nonce="abc"']);
    expect(challenge).toEqual({ realm: '127.0.0.1', nonce: 'abc', algorithm: 'MD5' });
    const header = digestAuthorization(
      challenge as NonNullable<typeof challenge>,
      { username: '2001', password: 'x' },
      'REGISTER',
      'sip:127.0.0.1',
      1,
    );
    expect(header).not.toContain('qop=');
    expect(header).not.toContain('cnonce=');
  });

  it('skips challenges it cannot answer and reads compact SIP headers', () => {
    expect(parseDigestChallenge(['Basic realm="x"', 'Digest realm="r", nonce="n", algorithm=SHA-512-256'])).toBeUndefined();
    const response = parseSipResponse(
      'SIP/2.0 401 Unauthorized\r\nv: SIP/2.0/WS a.invalid;branch=z9hG4bK1\r\ni: call@x\r\nCSeq: 1 REGISTER\r\nWWW-Authenticate: Digest realm="r",\r\n nonce="n"\r\n\r\n',
    );
    expect(response?.status).toBe(401);
    expect(response?.headers.get('call-id')).toEqual(['call@x']);
    expect(response?.headers.get('www-authenticate')).toEqual(['Digest realm="r", nonce="n"']);
    expect(parseSipResponse('REGISTER sip:x SIP/2.0\r\n\r\n')).toBeUndefined();
  });
});
