import { z } from 'zod';
import { LocalizedMessage } from './app';
import { request, event, stream } from './define';

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

export const SelfTestProgress = z.object({
  check: SelfTestCheck,
  done: z.number().int().nonnegative(),
  total: z.number().int().positive(),
});
export type SelfTestProgress = z.infer<typeof SelfTestProgress>;

/** What the window found of the audio devices, for the microphone and speaker checks (main cannot see them). */
export const AudioDeviceFindings = z.object({
  microphones: z.number().int().nonnegative(),
  speakers: z.number().int().nonnegative(),
  /** The microphone permission as the window knows it. */
  microphonePermission: z.enum(['granted', 'denied', 'prompt', 'unknown']),
});
export type AudioDeviceFindings = z.infer<typeof AudioDeviceFindings>;

/** A bundle's name as the bundler writes it: nothing else in its folder, and no path, can be asked for. */
export const DiagnosticsBundleName = z
  .string()
  .regex(/^scrivania-diagnostics-\d{8}-\d{6}Z\.zip$/, 'expected the file name of a diagnostics bundle');

export const DiagnosticsBundleInfo = z.object({
  /** Where the zip was written, for "Show in folder" and the email. */
  path: z.string(),
  fileName: DiagnosticsBundleName,
  bytes: z.number().int().nonnegative(),
  /** The entries of the zip, for the pane to say what it holds. */
  entries: z.array(z.string()),
  createdAt: z.iso.datetime(),
});
export type DiagnosticsBundleInfo = z.infer<typeof DiagnosticsBundleInfo>;

/** The employee's language, for the email's subject and body. */
export const EmailLanguage = z.enum(['en', 'it']);

/**
 * `attached`: a new email with the bundle attached is open in the mail program. `mailto`: no mail program here takes
 * an attachment, so `url` is the email without it; `opened` when the host handed it to the OS (else the window
 * opens it), `shown` when the bundle's folder was shown for attaching it by hand.
 */
export const DiagnosticsEmailResult = z.discriminatedUnion('via', [
  z.object({ via: z.literal('attached'), to: z.string() }).strict(),
  z.object({ via: z.literal('mailto'), url: z.string().startsWith('mailto:'), opened: z.boolean(), shown: z.boolean() }).strict(),
]);
export type DiagnosticsEmailResult = z.infer<typeof DiagnosticsEmailResult>;

export const helpContract = {
  'help.selfTest.run': request(z.object({ audio: AudioDeviceFindings.optional() }).strict(), SelfTestReport),
  /** The last self-test, for the dashboard; null until one ran. */
  'help.selfTest.last': event(SelfTestReport.nullable(), { retained: true }),
  /** Each check as it finishes, while a run is under way: the pane's progress. */
  'help.selfTest.progress': event(SelfTestProgress),
  'help.diagnostics.create': request(z.object({}).strict(), DiagnosticsBundleInfo),
  /** Shows a bundle in the OS file manager (Electron: shell.showItemInFolder); false where the host cannot. */
  'help.diagnostics.reveal': request(z.object({ fileName: DiagnosticsBundleName }).strict(), z.object({ shown: z.boolean() }).strict()),
  /** A new email to the profile's help desk with the bundle attached where the OS allows, else the mailto: fallback. */
  'help.diagnostics.email': request(
    z.object({ fileName: DiagnosticsBundleName, language: EmailLanguage }).strict(),
    DiagnosticsEmailResult,
  ),
  /** A bundle's bytes, then the stream closes: how the web host's window saves it as a download. */
  'help.diagnostics.download': stream(z.object({ fileName: DiagnosticsBundleName }).strict()),
};
