import type { ProblemCode } from '../../../common/contract/problems';
import { shown, type ShownError } from '../errors/catalogue';
import type { AgentState, CallEnd } from './sip/sip-agent';

type FailedRegistration = Extract<AgentState, { state: 'failed' }>;

/** The registrar's or the transport's words, for Details: `403 Wrong user name or password`. */
const registrationDetail = (state: FailedRegistration): string => (state.code ? `${state.code} ${state.reason}` : state.reason);

/** Why the phone is not signed in, as the pane says it. */
export const registrationProblem = (state: FailedRegistration, server: string | undefined): ShownError => {
  if (state.auth) return shown('phone.registration-refused', undefined, registrationDetail(state));
  if (state.code === undefined) return shown('phone.pbx-unreachable', { server: server ?? '' }, registrationDetail(state));
  return shown('phone.registration-failed', { code: state.code }, registrationDetail(state));
};

const byStatus = (code: number): ProblemCode => {
  if (code === 404 || code === 484 || code === 604) return 'phone.call-not-found';
  if (code === 486 || code === 600) return 'phone.call-busy';
  if (code === 480 || code === 408) return 'phone.call-unavailable';
  if (code === 403 || code === 603) return 'phone.call-refused';
  if (code >= 500 && code < 600) return 'phone.call-service-unavailable';
  return 'phone.call-failed';
};

/** JsSIP's causes when no SIP status came back (a timeout, the WebSocket dropped). */
const byCause: Record<string, ProblemCode> = {
  'not-found': 'phone.call-not-found',
  'address-incomplete': 'phone.call-not-found',
  busy: 'phone.call-busy',
  unavailable: 'phone.call-unavailable',
  'no-answer': 'phone.call-unavailable',
  'request-timeout': 'phone.call-unavailable',
  rejected: 'phone.call-refused',
  'connection-error': 'phone.call-service-unavailable',
};

/** Endings that are nobody's failure: a hang-up, a cancelled call, one answered on another phone. */
const ordinaryEnds = new Set(['bye', 'canceled', 'answered-elsewhere', 'terminated']);

/**
 * What to tell the employee about a call that ended before it was answered: the microphone that could not be used,
 * or why the number could not be reached; undefined when there is nothing to tell (a hang-up, a missed call).
 */
export const callFailure = (direction: 'incoming' | 'outgoing', end: CallEnd, number: string): ShownError | undefined => {
  const detail = [end.code, end.cause].filter((part) => part !== undefined && part !== '').join(' ');
  if (end.cause === 'user-denied-media-access') return shown('phone.no-microphone', undefined, detail);
  if (direction !== 'outgoing' || end.answered || end.by === 'local' || ordinaryEnds.has(end.cause)) return undefined;
  const code = end.code !== undefined && end.code >= 400 ? byStatus(end.code) : (byCause[end.cause] ?? 'phone.call-failed');
  return shown(code, { number: number.slice(0, 128) }, detail);
};
