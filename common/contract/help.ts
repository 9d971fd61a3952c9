import { z } from 'zod';
import { LocalizedMessage } from './app';
import { request, event } from './define';

/** Every check of "Check my setup", in the order it runs. */
export const SelfTestCheckId = z.enum([
  'profile',
  'keychain',
  'vpn',
  'intranetDns',
  'officePc',
  'sipWebSocket',
  'sipRegistration',
  'microphone',
  'speaker',
  'calendars',
  'updateServer',
]);
export type SelfTestCheckId = z.infer<typeof SelfTestCheckId>;
export const selfTestCheckIds = SelfTestCheckId.options;

/** `skipped`: nothing to check (the profile has no such section, or the check needs a window). */
export const SelfTestOutcome = z.enum(['pass', 'warn', 'fail', 'skipped']);
export type SelfTestOutcome = z.infer<typeof SelfTestOutcome>;

export const SelfTestCheck = z.object({
  id: SelfTestCheckId,
  outcome: SelfTestOutcome,
  /** One sentence: what the result means. */
  meaning: LocalizedMessage,
  /** One sentence: what to do about it; absent when nothing needs doing. */
  action: LocalizedMessage.optional(),
  /** A technical line for the help desk (an address, an error code); never a secret. */
  detail: z.string().max(500).optional(),
  ms: z.number().nonnegative(),
});
export type SelfTestCheck = z.infer<typeof SelfTestCheck>;

export const SelfTestReport = z.object({
  startedAt: z.iso.datetime(),
  finishedAt: z.iso.datetime(),
  /** The worst outcome among the checks. */
  outcome: SelfTestOutcome,
  checks: z.array(SelfTestCheck),
});
export type SelfTestReport = z.infer<typeof SelfTestReport>;

/** What the window found of the audio devices, for the microphone and speaker checks (main cannot see them). */
export const AudioDeviceFindings = z.object({
  microphones: z.number().int().nonnegative(),
  speakers: z.number().int().nonnegative(),
  /** The microphone permission as the window knows it. */
  microphonePermission: z.enum(['granted', 'denied', 'prompt', 'unknown']),
});
export type AudioDeviceFindings = z.infer<typeof AudioDeviceFindings>;

export const DiagnosticsBundleInfo = z.object({
  /** Where the zip was written, for "Show in folder" and the email. */
  path: z.string(),
  fileName: z.string(),
  bytes: z.number().int().nonnegative(),
  /** The entries of the zip, for the pane to say what it holds. */
  entries: z.array(z.string()),
  createdAt: z.iso.datetime(),
});
export type DiagnosticsBundleInfo = z.infer<typeof DiagnosticsBundleInfo>;

export const helpContract = {
  'help.selfTest.run': request(z.object({ audio: AudioDeviceFindings.optional() }).strict(), SelfTestReport),
  /** The last self-test, for the dashboard; null until one ran. */
  'help.selfTest.last': event(SelfTestReport.nullable(), { retained: true }),
  'help.diagnostics.create': request(z.object({}).strict(), DiagnosticsBundleInfo),
};
