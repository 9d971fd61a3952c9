import { z } from 'zod';
import { event, request, stream } from './define';

export const HostKind = z.enum(['electron', 'web']);
export type HostKind = z.infer<typeof HostKind>;

export const CapabilityId = z.enum(['vpn', 'officePc', 'phone', 'meetings']);
export type CapabilityId = z.infer<typeof CapabilityId>;
export const capabilityIds = CapabilityId.options;

export const AppInfo = z.object({
  name: z.string(),
  version: z.string(),
  platform: z.string(),
  arch: z.string(),
  host: HostKind,
  versions: z.object({ node: z.string(), electron: z.string().optional(), chrome: z.string().optional() }),
});
export type AppInfo = z.infer<typeof AppInfo>;

/**
 * `idle`: configured and ready, nothing running (an office PC not yet connected). The overall level is the worst
 * level among configured capabilities.
 */
export const StatusLevel = z.enum(['ok', 'idle', 'busy', 'warning', 'error', 'unconfigured']);
export type StatusLevel = z.infer<typeof StatusLevel>;

/** Text main produces for the UI, translated in the renderer: a key of assets/locales/*.json and its values. */
export const LocalizedMessage = z.object({
  key: z.string().min(1),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});
export type LocalizedMessage = z.infer<typeof LocalizedMessage>;

export const CapabilityStatus = z.object({
  level: StatusLevel,
  summary: LocalizedMessage,
});
export type CapabilityStatus = z.infer<typeof CapabilityStatus>;

/** What a capability reports while the configuration has nothing for it. */
export const notConfiguredStatus: CapabilityStatus = { level: 'unconfigured', summary: { key: 'status.notConfigured' } };

export const AppStatus = z.object({
  level: StatusLevel,
  capabilities: z.record(CapabilityId, CapabilityStatus),
  /** When each capability's level last changed: a setup check older than one of these no longer says how things are. */
  levelSince: z.record(CapabilityId, z.iso.datetime()),
  updatedAt: z.iso.datetime(),
});
export type AppStatus = z.infer<typeof AppStatus>;

/** Whether the OS opens tel: and sip: links in Scrivania's softphone; the employee decides, once, in Settings. */
export const PhoneLinks = z.object({
  /** Only the installed desktop app can take the OS's phone links, not a browser window or a development run. */
  availability: z.enum(['available', 'browser', 'not-installed']),
  handledHere: z.boolean(),
  /** Whether Scrivania can hand the links back itself (Windows, macOS); elsewhere the system's settings do it. */
  canRelease: z.boolean(),
});
export type PhoneLinks = z.infer<typeof PhoneLinks>;

export const LoopbackParams = z.object({ label: z.string().max(64) });

export const appContract = {
  'app.info': request(z.object({}).strict(), AppInfo),
  'app.status': event(AppStatus, { retained: true }),
  /** Brings Scrivania's window to the front, e.g. for an incoming call; the web host cannot and ignores it. */
  'app.showWindow': request(z.object({}).strict(), z.object({}).strict()),
  'app.phoneLinks': request(z.object({}).strict(), PhoneLinks),
  'app.usePhoneLinks': request(z.object({ use: z.boolean() }).strict(), PhoneLinks),
  /** Echoes every chunk back: the transports' own health check, used by the self-test and the benchmarks. */
  'app.loopback': stream(LoopbackParams),
};
