import { z } from 'zod';
import { phoneFeatures } from '../phone/feature-codes';
import { event, request } from './define';

const IsoInstant = z.iso.datetime({ offset: true });
const Empty = z.object({}).strict();
const ShortText = (max: number) => z.string().min(1).max(max);

export const AnswerGroupView = z.object({ name: z.string(), number: z.string() });

export const IceServerView = z.object({
  urls: z.union([z.string(), z.array(z.string())]),
  username: z.string().optional(),
  credential: z.string().optional(),
});

/** The profile's phone section as the pane needs it; `missing` names what keeps the phone from registering. */
export const PhoneConfigView = z.object({
  configured: z.boolean(),
  missing: z.array(z.enum(['server', 'domain', 'extension'])),
  server: z.string().optional(),
  domain: z.string().optional(),
  extension: z.string().optional(),
  displayName: z.string().optional(),
  /** Only what the profile lists: with none, no STUN server is contacted. */
  iceServers: z.array(IceServerView),
  answerGroups: z.array(AnswerGroupView),
  /** The PBX features the profile gives codes for. */
  features: z.array(z.enum(phoneFeatures)),
});
export type PhoneConfigView = z.infer<typeof PhoneConfigView>;

/**
 * Where the renderer's SIP user agent stands. `off`: not signed in (the employee has not turned the phone on);
 * `connecting`: reaching the PBX's WebSocket, also while reconnecting with backoff.
 */
export const RegistrationState = z.enum(['off', 'connecting', 'registering', 'registered', 'failed']);
export type RegistrationState = z.infer<typeof RegistrationState>;

export const RegistrationReport = z
  .object({
    state: RegistrationState,
    /** The SIP status code of a failed REGISTER, e.g. 403. */
    code: z.number().int().min(100).max(699).optional(),
    /** The SIP reason phrase or the transport problem, one line. */
    reason: z.string().max(200).optional(),
  })
  .strict();
export type RegistrationReport = z.infer<typeof RegistrationReport>;

export const DivertedFromView = z.object({
  number: ShortText(128),
  group: z.string().max(100).optional(),
  displayName: z.string().max(200).optional(),
  reason: z.string().max(64).optional(),
  header: z.enum(['Diversion', 'History-Info']),
});

/** `missed`: incoming, never answered here and not declined; `unanswered`: outgoing, the other side never answered. */
export const CallOutcome = z.enum(['answered', 'missed', 'declined', 'unanswered']);
export type CallOutcome = z.infer<typeof CallOutcome>;

export const CallRecordInput = z
  .object({
    direction: z.enum(['incoming', 'outgoing']),
    number: ShortText(128),
    name: z.string().max(200).optional(),
    divertedFrom: DivertedFromView.optional(),
    startedAt: IsoInstant,
    durationSeconds: z
      .number()
      .int()
      .min(0)
      .max(7 * 24 * 3600),
    outcome: CallOutcome,
  })
  .strict();
export type CallRecordInput = z.infer<typeof CallRecordInput>;

export const CallRecord = CallRecordInput.extend({ id: z.string() });
export type CallRecord = z.infer<typeof CallRecord>;

export const CallHistory = z.object({
  /** Newest first. */
  entries: z.array(CallRecord),
  /** Missed calls since the employee last looked at the history: the badge. */
  missedUnseen: z.number().int().nonnegative(),
  /** One line when the stored history could not be read in full (what was lost is dropped, the rest kept). */
  problem: z.string().optional(),
});
export type CallHistory = z.infer<typeof CallHistory>;

export const FeatureRequest = z.discriminatedUnion('feature', [
  z.object({ feature: z.enum(['dndOn', 'dndOff', 'forwardOff']) }).strict(),
  z.object({ feature: z.literal('forwardOn'), target: ShortText(64) }).strict(),
  z.object({ feature: z.enum(['groupLogin', 'groupLogout']), group: ShortText(64) }).strict(),
]);

/** What Scrivania last set on the PBX with feature codes; the PBX itself cannot be asked. */
export const FeatureState = z.object({
  dnd: z.boolean(),
  forwardTo: z.string().nullable(),
  /** Answer-group number → logged in; a group never set here is absent. */
  groups: z.record(z.string(), z.boolean()),
  changedAt: IsoInstant.optional(),
  /** Lost with the phone's stored state: the PBX still has them, so the pane says "not known" rather than off. */
  unknown: z.array(z.enum(['dnd', 'forward'])).optional(),
});
export type FeatureState = z.infer<typeof FeatureState>;

export const PhonePreferences = z.object({
  /** Sign in whenever Scrivania starts; set once the employee turns the phone on. */
  signIn: z.boolean(),
  /** MediaDevices ids; absent means the system default. */
  microphone: z.string().max(256).optional(),
  speaker: z.string().max(256).optional(),
  ringer: z.string().max(256).optional(),
  /** The desktop app's system-wide shortcuts to answer and hang up; absent means on. */
  globalShortcuts: z.boolean().optional(),
});
export type PhonePreferences = z.infer<typeof PhonePreferences>;

/** A number to call, from a tel:/sip: link, the help pane or a meeting's dial-in; `tones` are sent once answered. */
export const DialRequest = z
  .object({
    target: ShortText(256),
    tones: z
      .string()
      .regex(/^[0-9*#A-D,]{0,64}$/)
      .optional(),
  })
  .strict();
export type DialRequest = z.infer<typeof DialRequest>;

/** A call in progress as the renderer's user agent reports it: what the card, the header and the tray show. */
export const LiveCall = z
  .object({
    id: ShortText(256),
    direction: z.enum(['incoming', 'outgoing']),
    state: z.enum(['ringing', 'calling', 'early', 'active', 'held']),
    number: ShortText(128),
    name: z.string().max(200).optional(),
    /** The answer group or line it was diverted from ("Polizia Municipale"). */
    divertedFrom: z.string().max(200).optional(),
    answeredAt: IsoInstant.optional(),
  })
  .strict();
export type LiveCall = z.infer<typeof LiveCall>;

export const LiveCalls = z.object({ calls: z.array(LiveCall).max(2) }).strict();
export type LiveCalls = z.infer<typeof LiveCalls>;

/** The desktop app's system-wide shortcuts (Electron accelerators), registered only while a call rings or is on. */
export const globalCallShortcuts = { answer: 'CommandOrControl+Alt+Shift+A', hangUp: 'CommandOrControl+Alt+Shift+H' } as const;

/** What the tray, a notification's button or a global shortcut asks the renderer's phone to do. */
export const CallCommand = z
  .object({
    action: z.enum(['answer', 'decline', 'hangUp']),
    /** Without one: the ringing call (answer, decline) or the call in progress (hang up). */
    callId: ShortText(256).optional(),
  })
  .strict();
export type CallCommand = z.infer<typeof CallCommand>;

export const phoneContract = {
  'phone.config': event(PhoneConfigView, { retained: true }),
  /** The renderer's user agent says where it stands; main turns it into the phone card's status. */
  'phone.reportRegistration': request(RegistrationReport, Empty),
  /** The renderer's calls in progress, after every change; main turns them into the status, the host into the tray. */
  'phone.reportCalls': request(LiveCalls, Empty),
  'phone.calls': event(LiveCalls, { retained: true }),
  /** Answer, decline or hang up from outside the window (tray, notification, global shortcut). */
  'phone.command': request(CallCommand, Empty),
  'phone.commandRequested': event(CallCommand),
  'phone.history': event(CallHistory, { retained: true }),
  'phone.recordCall': request(CallRecordInput, z.object({ id: z.string() })),
  'phone.clearHistory': request(Empty, Empty),
  'phone.markMissedSeen': request(Empty, Empty),
  /** The string to dial for a feature, from the profile's codes; fails with one line when it cannot be built. */
  'phone.featureDial': request(FeatureRequest, z.object({ dial: z.string() })),
  /** The PBX answered the feature code: remember what is now set. */
  'phone.featureApplied': request(FeatureRequest, FeatureState),
  'phone.features': event(FeatureState, { retained: true }),
  'phone.setPreferences': request(PhonePreferences.partial().strict(), PhonePreferences),
  'phone.preferences': event(PhonePreferences, { retained: true }),
  /** Asks the phone pane to place a call (tel:/sip: links, "call the help desk"). */
  'phone.dial': request(DialRequest, Empty),
  'phone.dialRequested': event(DialRequest),
};
