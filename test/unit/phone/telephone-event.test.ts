import { describe, expect, it } from 'vitest';
import { TelephoneEventCounter } from '../../../renderer/src/phone/sip/telephone-event';

const SSRC = 0xee6b28cb;

/** One RFC 4733 packet: event code, end bit, duration in timestamp units. */
const packet = (timestamp: number, event: number, ended: boolean, duration: number, ssrc = SSRC) => ({
  ssrc,
  timestamp,
  payload: Uint8Array.of(event, (ended ? 0x80 : 0) | 10, duration >> 8, duration & 0xff),
});

/** A press as baresip and Linphone send it: packets every 20 ms at 8 kHz, then the end three times. */
const press = (timestamp: number, event: number, ssrc = SSRC) => [
  ...[160, 320, 480, 640].map((duration) => packet(timestamp, event, false, duration, ssrc)),
  ...[800, 800, 800].map((duration) => packet(timestamp, event, true, duration, ssrc)),
];

const feed = (counter: TelephoneEventCounter, packets: ReturnType<typeof packet>[]): string =>
  packets.map((each) => counter.receive(each).join('')).join('');

describe('the key presses in a stream of telephone events', () => {
  it('counts a press once, at its first end packet, however many times the end is repeated', () => {
    const counter = new TelephoneEventCounter();
    const packets = press(39_574, 1);
    expect(packets.slice(0, 4).map((each) => counter.receive(each))).toEqual([[], [], [], []]);
    expect(counter.receive(packets[4]!)).toEqual(['1']);
    expect(feed(counter, packets.slice(5))).toBe('');
  });

  it('counts the same key pressed twice as two presses: a new event has a new timestamp', () => {
    const counter = new TelephoneEventCounter();
    expect(feed(counter, [...press(1_000, 0), ...press(4_200, 0), ...press(7_400, 0)])).toBe('000');
  });

  it('names every DTMF key, star, hash and A to D included', () => {
    const counter = new TelephoneEventCounter();
    const events = Array.from({ length: 16 }, (_, event) => press(10_000 + event * 3_200, event)).flat();
    expect(feed(counter, events)).toBe('0123456789*#ABCD');
  });

  it('counts a press whose end packets were all lost when the next press begins', () => {
    const counter = new TelephoneEventCounter();
    const first = press(1_000, 4).slice(0, 4);
    expect(feed(counter, first)).toBe('');
    const second = press(4_200, 7);
    expect(counter.receive(second[0]!)).toEqual(['4']);
    expect(feed(counter, second.slice(1))).toBe('7');
  });

  it('counts once a press sent only as end packets, as Chrome sends one in an Opus call', () => {
    const counter = new TelephoneEventCounter();
    expect(feed(counter, [packet(5_000, 9, true, 960), packet(5_000, 9, true, 960), packet(5_000, 9, true, 960)])).toBe('9');
  });

  it('counts a tone held past the 16-bit duration once: its next segment is the same press', () => {
    const counter = new TelephoneEventCounter();
    const start = 48_000;
    const packets = [
      packet(start, 5, false, 30_000),
      packet(start, 5, false, 0xffff),
      packet(start + 0xffff, 5, false, 9_600),
      packet(start + 0xffff, 5, true, 19_200),
      packet(start + 0xffff, 5, true, 19_200),
    ];
    expect(feed(counter, packets)).toBe('5');
  });

  it('ignores a late packet of a press already counted, and events that are not keys', () => {
    const counter = new TelephoneEventCounter();
    expect(feed(counter, [...press(1_000, 3), ...press(4_200, 16), packet(1_000, 3, false, 160)])).toBe('3');
  });

  it('keeps the presses of two streams apart', () => {
    const counter = new TelephoneEventCounter();
    const a = press(1_000, 1, 1);
    const b = press(1_000, 2, 2);
    const interleaved = a.flatMap((each, index) => [each, b[index]!]);
    expect(feed(counter, interleaved)).toBe('12');
  });

  it('reads nothing from a payload shorter than an event report', () => {
    const counter = new TelephoneEventCounter();
    expect(counter.receive({ ssrc: SSRC, timestamp: 1, payload: Uint8Array.of(1, 0x80) })).toEqual([]);
  });
});
