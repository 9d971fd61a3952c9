import { z } from 'zod';
import { DisplayMode } from '../office-pc/office-pc-config';
import { event, request } from './define';

const IsoInstant = z.iso.datetime({ offset: true });
const Sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'expected 64 lowercase hex digits');
const SessionId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'expected a session id');

export const Reachability = z.object({
  state: z.enum(['unknown', 'checking', 'reachable', 'unreachable']),
  checkedAt: IsoInstant.optional(),
  /** For unreachable: what failed, one line (no such host, refused, timed out…). */
  detail: z.string().optional(),
  /** Round trip of the TCP handshake, for reachable. */
  ms: z.number().nonnegative().optional(),
});
export type Reachability = z.infer<typeof Reachability>;

export const CertificateFacts = z.object({
  subject: z.string(),
  issuer: z.string(),
  validFrom: z.string(),
  validTo: z.string(),
  sha256: Sha256Hex,
});
export type CertificateFacts = z.infer<typeof CertificateFacts>;

/**
 * A certificate the relay would not accept on its own: `new`, never seen for this office PC (trust on first use);
 * `changed`, different from the one trusted before (a blocking warning: it may be an attack); `pin-mismatch`, not
 * the one the help desk pinned in the profile (refused, nothing the employee can override).
 */
export const CertificateQuestion = z.object({
  kind: z.enum(['new', 'changed', 'pin-mismatch']),
  destination: z.string(),
  presented: CertificateFacts,
  /** The fingerprint trusted or pinned before, for changed and pin-mismatch. */
  expectedSha256: Sha256Hex.optional(),
});
export type CertificateQuestion = z.infer<typeof CertificateQuestion>;

export const OfficePcState = z.object({
  /** `needs-details`: the profile names the office PC with `${user.x}` values the employee has not typed yet. */
  configuration: z.enum(['absent', 'needs-details', 'invalid', 'ready']),
  /** One line for invalid: which value was wrong. */
  problem: z.string().optional(),
  name: z.string().optional(),
  host: z.string().optional(),
  port: z.number().int().optional(),
  username: z.string().optional(),
  domain: z.string().optional(),
  display: DisplayMode.optional(),
  /** Whether the help desk pinned the certificate in the profile. */
  certificatePinned: z.boolean(),
  reachability: Reachability,
  /** Sessions whose bytes are flowing through the relay now. */
  activeSessions: z.number().int().nonnegative(),
  /** Sessions on their way (a ticket issued, or bytes flowing before the renderer's client signed in). */
  connectingSessions: z.number().int().nonnegative(),
  /** Sessions the renderer's client signed in over: the employee sees the office PC. */
  connectedSessions: z.number().int().nonnegative(),
  /** Waiting for the employee: a certificate seen by the relay that is not trusted yet. */
  certificateQuestion: CertificateQuestion.optional(),
});
export type OfficePcState = z.infer<typeof OfficePcState>;

/** What the pane hands IronRDP: where the relay is and which office PC to ask it for. The password comes from `credentials.forPurpose`. */
export const OfficePcSessionTicket = z.object({
  sessionId: SessionId,
  /** ws://127.0.0.1:PORT/…?token=…: valid for one connection, shortly. */
  relayUrl: z.string().regex(/^ws:\/\/127\.0\.0\.1:\d+\//, 'expected a loopback ws:// URL'),
  /** The same token, which IronRDP also sends inside its RDCleanPath request. */
  authToken: z.string(),
  destination: z.string(),
  username: z.string().optional(),
  domain: z.string().optional(),
});
export type OfficePcSessionTicket = z.infer<typeof OfficePcSessionTicket>;

/** Why the relay ended or refused a session, as it saw it; the pane combines it with IronRDP's own error. */
export const RelayOutcome = z.enum([
  'pending',
  'relaying',
  'closed',
  'refused-token',
  'refused-destination',
  'bad-request',
  'unreachable',
  'timeout',
  'negotiation-failed',
  'tls-failed',
  'certificate-untrusted',
  /** The office PC closed the connection during Network Level Authentication: it refused the user name or password. */
  'authentication-failed',
]);
export type RelayOutcome = z.infer<typeof RelayOutcome>;

export const SessionOutcome = z.object({
  outcome: RelayOutcome,
  /** One line from the relay: the socket error, the negotiation failure code… never a secret. */
  detail: z.string().optional(),
});
export type SessionOutcome = z.infer<typeof SessionOutcome>;

export const officePcContract = {
  'officePc.state': event(OfficePcState, { retained: true }),
  /** A fresh relay session for the profile's office PC; refused (`failed`) when none is configured. */
  'officePc.openSession': request(z.object({}).strict(), OfficePcSessionTicket),
  'officePc.sessionOutcome': request(z.object({ sessionId: SessionId }).strict(), SessionOutcome),
  /** The pane's RDP client signed in over this session: from now on the office PC counts as connected. */
  'officePc.sessionSignedIn': request(z.object({ sessionId: SessionId }).strict(), z.object({ signedIn: z.boolean() })),
  /** Ends the session's relay, e.g. when the pane disconnects. */
  'officePc.closeSession': request(z.object({ sessionId: SessionId }).strict(), z.object({ closed: z.boolean() })),
  /**
   * The employee's answer to `certificateQuestion`, naming the fingerprint they were shown; trusting keeps it for
   * this office PC. A pinned mismatch cannot be trusted here.
   */
  'officePc.answerCertificate': request(z.object({ sha256: Sha256Hex, trust: z.boolean() }).strict(), z.object({ trusted: z.boolean() })),
  'officePc.checkReachability': request(z.object({}).strict(), Reachability),
};
