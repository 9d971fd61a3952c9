import { z } from 'zod';
import { driverKinds, type DriverKind } from '../vpn/vpn-config';
import { LocalizedMessage } from './app';
import { event, request } from './define';

/**
 * `connected`: the tunnel is up and every probe passes. `degraded`: the tunnel is up but a probe fails.
 * `connecting`: the VPN client is establishing the tunnel. `disconnected`: no tunnel. `unknown`: not configured,
 * or not probed yet.
 */
export const VpnStateName = z.enum(['connected', 'degraded', 'connecting', 'disconnected', 'unknown']);
export type VpnStateName = z.infer<typeof VpnStateName>;

export const VpnProbeKind = z.enum(['tunnel', 'route', 'dns', 'tcp', 'driver']);
export type VpnProbeKind = z.infer<typeof VpnProbeKind>;

/** One probe of the last round: what was checked (`target`), whether it passed, and why not. */
export const VpnProbe = z.object({
  kind: VpnProbeKind,
  target: z.string(),
  ok: z.boolean(),
  /** How long the probe took, or the TCP round-trip for a TCP target. */
  ms: z.number().nonnegative().optional(),
  reason: LocalizedMessage.optional(),
});
export type VpnProbe = z.infer<typeof VpnProbe>;

export const VpnDetails = z.object({
  interfaceName: z.string().optional(),
  assignedAddress: z.string().optional(),
  /** The VPN server as the driver knows it, else the gateway of the route to the first corporate subnet. */
  gateway: z.string().optional(),
  connectedSince: z.iso.datetime().optional(),
  bytesIn: z.number().int().nonnegative().optional(),
  bytesOut: z.number().int().nonnegative().optional(),
  /** TCP connect time to the first TCP target, normally the office PC. */
  tcpRoundTripMs: z.number().nonnegative().optional(),
  tcpTarget: z.string().optional(),
});
export type VpnDetails = z.infer<typeof VpnDetails>;

export const VpnDriverInfo = z.object({
  kind: z.enum(driverKinds as [DriverKind, ...DriverKind[]]),
  canConnect: z.boolean(),
  canDisconnect: z.boolean(),
});
export type VpnDriverInfo = z.infer<typeof VpnDriverInfo>;

export const VpnState = z.object({
  state: VpnStateName,
  /** False until a profile's `vpn` section arrives: the card then says "not configured". */
  configured: z.boolean(),
  /** Why the state is not `connected`: each failing probe, named. */
  reasons: z.array(LocalizedMessage),
  probes: z.array(VpnProbe),
  details: VpnDetails,
  driver: VpnDriverInfo,
  /** When this state began. */
  since: z.iso.datetime(),
  /** When the last probe round finished; null before the first. */
  checkedAt: z.iso.datetime().nullable(),
});
export type VpnState = z.infer<typeof VpnState>;

const NoParams = z.object({}).strict();

export const vpnContract = {
  /** The current VPN state, replayed to every new subscriber. */
  'vpn.state': event(VpnState, { retained: true }),
  /** The current state; with `refresh`, after probing again now. */
  'vpn.status': request(z.object({ refresh: z.boolean().optional() }).strict(), VpnState),
  /** Asks the driver to connect; fails with one line when the driver cannot. Answers with the state once started. */
  'vpn.connect': request(NoParams, VpnState),
  'vpn.disconnect': request(NoParams, VpnState),
};
