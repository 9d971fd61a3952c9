/** RFC 4733 §3.2: events 0–15 are the DTMF keys; anything else (flash, tones) is not a digit. */
const DIGITS = '0123456789*#ABCD';

const END_BIT = 0x80;
/** The duration field is 16 bits: a longer tone goes on in a new segment with a new timestamp (RFC 4733 §2.5.1.3). */
const MAX_SEGMENT = 0xffff;
/** Telephone events kept to recognise their repeats (the end is sent three times) and late, reordered packets. */
const REMEMBERED = 32;

export interface TelephoneEventPacket {
  ssrc: number;
  /** RTP timestamp: the same for every packet of one event, the start of the tone. */
  timestamp: number;
  /** The RTP payload: event, E/R/volume, duration (16 bits). */
  payload: Uint8Array;
}

interface TrackedEvent {
  key: string;
  ssrc: number;
  timestamp: number;
  event: number;
  duration: number;
  reported: boolean;
}

const keyOf = (ssrc: number, timestamp: number): string => `${ssrc}:${timestamp}`;

/**
 * Turns the telephone-event packets of an RTP stream into key presses, each once: a press is reported when its
 * end arrives (the E bit, sent three times), or, if every end packet was lost, when the next press begins. A tone
 * held past the 16-bit duration continues in a new segment, which is the same press.
 */
export class TelephoneEventCounter {
  private readonly events: TrackedEvent[] = [];

  /** The digits this packet completes: usually none or one; two when it also closes a press whose end was lost. */
  receive(packet: TelephoneEventPacket): string[] {
    if (packet.payload.length < 4) return [];
    const event = packet.payload[0] ?? 0;
    const ended = ((packet.payload[1] ?? 0) & END_BIT) !== 0;
    const duration = ((packet.payload[2] ?? 0) << 8) | (packet.payload[3] ?? 0);
    const key = keyOf(packet.ssrc, packet.timestamp);
    const digits: string[] = [];
    let tracked = this.events.find((candidate) => candidate.key === key);
    if (!tracked) {
      const open = this.openEventOf(packet.ssrc);
      if (open && open.event === event && this.continues(open, packet.timestamp)) {
        // The next segment of a long tone: the press it belongs to is already tracked.
        tracked = { ...open, key, timestamp: packet.timestamp, duration };
        open.reported = true;
      } else if (open) {
        digits.push(...this.report(open));
      }
      if (!tracked) tracked = { key, ssrc: packet.ssrc, timestamp: packet.timestamp, event, duration, reported: false };
      this.remember(tracked);
    }
    tracked.duration = Math.max(tracked.duration, duration);
    if (ended) digits.push(...this.report(tracked));
    return digits;
  }

  private openEventOf(ssrc: number): TrackedEvent | undefined {
    for (let index = this.events.length - 1; index >= 0; index--) {
      const candidate = this.events[index];
      if (candidate?.ssrc === ssrc && !candidate.reported) return candidate;
    }
    return undefined;
  }

  private continues(open: TrackedEvent, timestamp: number): boolean {
    const gap = (timestamp - open.timestamp) >>> 0;
    return open.duration >= MAX_SEGMENT - 1 && gap > 0 && gap <= MAX_SEGMENT + 1;
  }

  private report(tracked: TrackedEvent): string[] {
    if (tracked.reported) return [];
    tracked.reported = true;
    const digit = DIGITS[tracked.event];
    return digit ? [digit] : [];
  }

  private remember(tracked: TrackedEvent): void {
    this.events.push(tracked);
    if (this.events.length > REMEMBERED) this.events.shift();
  }
}
