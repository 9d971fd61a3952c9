import { describe, expect, it } from 'vitest';
import { dtmfMethodFor, rfc4733Counts } from '../../../renderer/src/phone/sip/dtmf-transport';

const codec = (mimeType: string, clockRate: number) => ({ mimeType, clockRate });

describe('which way a digit goes out', () => {
  it('goes in the RTP stream on a G.711 call with telephone-event/8000', () => {
    const codecs = [codec('audio/PCMU', 8_000), codec('audio/telephone-event', 8_000)];
    expect(rfc4733Counts(codecs)).toBe(true);
    expect(dtmfMethodFor('rfc4733', codecs)).toBe('rfc4733');
  });

  it('goes as SIP INFO on an Opus call, even with telephone-event/48000 negotiated', () => {
    expect(
      dtmfMethodFor('rfc4733', [
        codec('audio/opus', 48_000),
        codec('audio/telephone-event', 48_000),
        codec('audio/telephone-event', 8_000),
      ]),
    ).toBe('info');
    expect(dtmfMethodFor('rfc4733', [codec('audio/opus', 48_000), codec('audio/telephone-event', 8_000)])).toBe('info');
  });

  it('goes as SIP INFO when the far end accepted no telephone-event, the call has no audio sender, or the employee chose INFO', () => {
    expect(dtmfMethodFor('rfc4733', [codec('audio/PCMA', 8_000)])).toBe('info');
    expect(dtmfMethodFor('rfc4733', undefined)).toBe('info');
    expect(dtmfMethodFor('info', [codec('audio/PCMU', 8_000), codec('audio/telephone-event', 8_000)])).toBe('info');
  });

  it('judges by the codec in use, not by comfort noise listed before it', () => {
    expect(rfc4733Counts([codec('audio/CN', 8_000), codec('audio/opus', 48_000), codec('audio/telephone-event', 8_000)])).toBe(false);
  });
});
