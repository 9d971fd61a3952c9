export type DtmfMethod = 'rfc4733' | 'info';

/** What RTCRtpSender.getParameters().codecs lists: the negotiated send codecs, the one in use first. */
export interface NegotiatedCodec {
  mimeType: string;
  clockRate: number;
}

const TELEPHONE_EVENT = 'audio/telephone-event';

/** RFC 4733's own clock, and G.711's: the one rate at which Chrome's telephone events come out right. */
const NARROWBAND_HZ = 8_000;

/**
 * Whether the RTP stream can carry RFC 4733 digits a receiver counts once. Chrome times a tone in the
 * telephone-event clock but the time elapsed in the audio codec's; with Opus (48 kHz) it sends telephone-event/8000
 * even where telephone-event/48000 was negotiated, so a 120 ms tone is "over" at its first packet, which goes out
 * three times marked both as a new event and as its end, and the far end counts each digit three times. Only a
 * narrowband call (G.711) with telephone-event/8000 gets digits in the stream.
 */
export const rfc4733Counts = (codecs: readonly NegotiatedCodec[]): boolean => {
  const audio = codecs.find((codec) => codec.mimeType.toLowerCase() !== TELEPHONE_EVENT && !/\/(cn|red)$/i.test(codec.mimeType));
  if (audio?.clockRate !== NARROWBAND_HZ) return false;
  return codecs.some((codec) => codec.mimeType.toLowerCase() === TELEPHONE_EVENT && codec.clockRate === NARROWBAND_HZ);
};

/** The way a digit goes out: the stream when the employee asked for it and it counts once, SIP INFO otherwise. */
export const dtmfMethodFor = (wanted: DtmfMethod, codecs: readonly NegotiatedCodec[] | undefined): DtmfMethod =>
  wanted === 'rfc4733' && codecs !== undefined && rfc4733Counts(codecs) ? 'rfc4733' : 'info';
