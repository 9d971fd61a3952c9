import { z } from 'zod';

/** The peers the demo starts, in the order it starts them (and stops them in reverse). */
export const DemoPeerName = z.enum(['keychain', 'officePc', 'phone', 'vpn', 'calendar', 'updates', 'webHost']);
export type DemoPeerName = z.infer<typeof DemoPeerName>;

export const DemoPeer = z.object({
  name: DemoPeerName,
  started: z.boolean(),
  /** What it is and where, e.g. "FreeRDP shadow server with NLA on 127.0.0.1:40123"; or why it did not start. */
  line: z.string(),
});
export type DemoPeer = z.infer<typeof DemoPeer>;

/** A process the demo started, with its kernel start time, so a later process reusing the id is not mistaken for it. */
export const DemoProcess = z.object({ pid: z.number().int().positive(), startTime: z.number().int().nonnegative(), command: z.string() });
export type DemoProcess = z.infer<typeof DemoProcess>;

/** What `--json-status FILE` holds once the demo is ready; the end-to-end test reads it. */
export const DemoStatus = z.object({
  state: z.literal('ready'),
  pid: z.number().int().positive(),
  /** Where Scrivania opened: the Electron app, the web host in a Chromium app window, or no window (--no-open). */
  window: z.enum(['electron', 'browser', 'none']),
  /** The web host's address; absent when the Electron app runs instead. */
  url: z.url().optional(),
  peers: z.array(DemoPeer),
  /** `tunnel`: OpenVPN from this machine into the lab's server namespace; `probe-only`: loopback, with the reason. */
  vpn: z.object({ mode: z.enum(['tunnel', 'probe-only']), reason: z.string().optional() }),
  /** The answer group whose calls the PBX diverts to the employee's extension. */
  answerGroup: z.object({ number: z.string(), name: z.string() }).optional(),
  processes: z.array(DemoProcess),
  namespaces: z.array(z.string()),
  /** The one folder below which every file the demo and its peers wrote lives; removed on exit. */
  root: z.string(),
});
export type DemoStatus = z.infer<typeof DemoStatus>;
