import type { Baresip } from './baresip';
import type { Linphone } from './linphone';
import { wavLevel, wavSize } from './wav';

export type DigitWay = 'rfc4733' | 'info';

/** Where a far end's log and recording stood at one moment: what a test then waits for comes after it. */
export interface FarEndMark {
  log: number;
  recording: string | undefined;
  bytes: number;
}

/**
 * The outside caller in the phone tests, whichever SIP implementation it is: it places the call, holds and
 * resumes it, sends digits, and says what it heard (the level of its recording) and which digits it counted.
 */
export interface FarEnd {
  readonly implementation: 'baresip' | 'linphone';
  readonly user: string;
  /** The ways it can send digits: baresip 1.0 sends RFC 4733 only. */
  readonly digitWays: readonly DigitWay[];
  /**
   * Whether its recording goes on through a re-INVITE. baresip 1.0's only player here is ALSA's null device, and
   * its decoding stops for good once a re-INVITE restarts the player, so its recording proves what it heard before
   * a hold or in a new call, never after a resume.
   */
  readonly recordsAfterReinvite: boolean;
  mark(): Promise<FarEndMark>;
  call(user: string): Promise<void>;
  hold(): Promise<void>;
  resume(): Promise<void>;
  sendDigits(digits: string, way: DigitWay): Promise<void>;
  hangUp(): Promise<void>;
  /** Resolves once it has a call up with `user` (a transfer target, say) that began after `since`. */
  waitForCallWith(user: string, since: FarEndMark, timeoutMs?: number): Promise<void>;
  /** Every digit it counted since `since`, in order, a digit counted twice appearing twice. */
  digitsSince(since: FarEndMark): string;
  /** The RMS level (0 … 1) of what it heard since `since`. */
  levelSince(since: FarEndMark): Promise<number>;
}

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
/** Digits pressed one by one, as a person would: each tone ends before the next begins. */
const BETWEEN_DIGITS_MS = 400;

const levelSince = async (recording: string | undefined, since: FarEndMark): Promise<number> => {
  if (!recording) return 0;
  return wavLevel(recording, recording === since.recording ? since.bytes : 0);
};

export const baresipFarEnd = (peer: Baresip, user: string): FarEnd => ({
  implementation: 'baresip',
  user,
  digitWays: ['rfc4733'],
  recordsAfterReinvite: false,
  mark: async () => {
    const recording = await peer.heardRecording();
    return { log: peer.events.length, recording, bytes: recording ? await wavSize(recording) : 0 };
  },
  call: async (target) => {
    await peer.command('dial', peer.aor(target));
  },
  hold: async () => {
    await peer.command('hold');
  },
  resume: async () => {
    await peer.command('resume');
  },
  sendDigits: async (digits, way) => {
    if (way !== 'rfc4733') throw new Error('baresip 1.0 sends digits as RFC 4733 only');
    for (const digit of digits) {
      await peer.command('sndcode', digit);
      await pause(BETWEEN_DIGITS_MS);
    }
  },
  hangUp: async () => {
    await peer.command('hangup');
  },
  waitForCallWith: async (target, since, timeoutMs = 15_000) => {
    await peer.waitForEvent(
      (event) => event.type === 'CALL_ESTABLISHED' && (event.peeruri ?? '').includes(`sip:${target}@`),
      `a call with ${target}`,
      timeoutMs,
      since.log,
    );
  },
  digitsSince: (since) =>
    peer.events
      .slice(since.log)
      .filter((event) => event.type === 'CALL_DTMF_START')
      .map((event) => event.param ?? '')
      .join(''),
  levelSince: async (since) => levelSince(await peer.heardRecording(), since),
});

export const linphoneFarEnd = (peer: Linphone): FarEnd => ({
  implementation: 'linphone',
  user: peer.options.user,
  digitWays: ['rfc4733', 'info'],
  recordsAfterReinvite: true,
  mark: async () => ({ log: peer.lines.length, recording: peer.recordingPath, bytes: await wavSize(peer.recordingPath) }),
  call: async (target) => {
    peer.send(`call ${peer.aor(target)}`);
  },
  // Done once Linphone says so: it refuses to resume a call that is still being paused ("There was a problem to
  // resume"), and Scrivania shows the hold as soon as the re-INVITE arrives, before Linphone has its answer.
  hold: async () => {
    const since = peer.lines.length;
    peer.send('pause');
    await peer.waitForLine(/ is now paused\.$/, 'confirmation that the call is paused', 10_000, since);
  },
  resume: async () => {
    peer.send('resume');
  },
  sendDigits: async (digits, way) => {
    peer.send(`param sip use_info ${way === 'info' ? 1 : 0}`);
    peer.send(`param sip use_rfc2833 ${way === 'info' ? 0 : 1}`);
    // linphonec sends a line that is one DTMF character as that digit in the current call.
    for (const digit of digits) {
      peer.send(digit);
      await pause(BETWEEN_DIGITS_MS);
    }
  },
  hangUp: async () => {
    peer.send('terminate');
  },
  waitForCallWith: async (target, since, timeoutMs = 15_000) => {
    await peer.waitForLine(
      new RegExp(`^Call \\d+ with sip:${target.replace(/\W/g, '\\$&')}@\\S* connected\\.`),
      `a call with ${target}`,
      timeoutMs,
      since.log,
    );
  },
  digitsSince: (since) => peer.digitsSince(since.log),
  levelSince: (since) => levelSince(peer.recordingPath, since),
});
