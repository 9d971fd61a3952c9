import type { CertificateQuestion, SessionOutcome } from '../../../common/contract/office-pc';
import { IronErrorKind, isIronError } from './iron-rdp';
import { messageOf } from '../../../common/error-message';
import type { Problem } from '../../../common/contract/problems';
import { shownErrorOf, type ShownError } from '../errors/catalogue';

/**
 * Why a connection failed, in the employee's terms. Each kind has a title and a next step in the translations
 * (officePc.failure.<kind>); `retry` says whether trying again by itself can help.
 */
export type FailureKind =
  | 'wrong-credentials'
  | 'access-denied'
  | 'unreachable'
  | 'nla-refused'
  | 'certificate-new'
  | 'certificate-changed'
  | 'certificate-pinned'
  | 'no-password'
  | 'relay'
  | 'dropped'
  | 'general';

export interface OfficePcFailure {
  kind: FailureKind;
  /** Main's own reason when it named one (no office PC configured, say); else the kind's sentence, `officePc.<kind>`. */
  problem?: Problem;
  /** One technical line for the help desk (a socket error, IronRDP's message); never a secret. */
  detail?: string;
  retry: boolean;
}

const retryable = new Set<FailureKind>(['unreachable', 'relay', 'dropped', 'general']);
const failure = (kind: FailureKind, detail?: string): OfficePcFailure => ({
  kind,
  retry: retryable.has(kind),
  ...(detail ? { detail } : {}),
});

/** IronRDP's backtrace starts with the chain of messages; the first line is enough for people. */
const firstLine = (text: string): string =>
  text
    .split('\n')
    .find((line) => line.trim() !== '')
    ?.trim() ?? text;

const certificateFailure = (question: CertificateQuestion | undefined): OfficePcFailure => {
  if (question?.kind === 'changed') return failure('certificate-changed');
  if (question?.kind === 'pin-mismatch') return failure('certificate-pinned');
  return failure('certificate-new');
};

/**
 * The relay saw the office PC (or failed to), IronRDP saw the RDP protocol: the relay's outcome explains network,
 * negotiation and certificate failures; IronRDP's error kind explains authentication.
 */
export const classifyFailure = (
  error: unknown,
  outcome: SessionOutcome | undefined,
  question: CertificateQuestion | undefined,
): OfficePcFailure => {
  switch (outcome?.outcome) {
    case 'certificate-untrusted':
      return certificateFailure(question);
    case 'unreachable':
    case 'timeout':
      return failure('unreachable', outcome.detail);
    case 'negotiation-failed':
      return failure('nla-refused', outcome.detail);
    case 'authentication-failed':
      return failure('wrong-credentials', outcome.detail);
    case 'tls-failed':
    case 'refused-token':
    case 'refused-destination':
    case 'bad-request':
      return failure('relay', outcome.detail);
    default:
      break;
  }
  if (!isIronError(error)) return failure('general', messageOf(error));
  const detail = firstLine(error.backtrace());
  switch (error.kind()) {
    case IronErrorKind.wrongPassword:
    case IronErrorKind.logonFailure:
      return failure('wrong-credentials', detail);
    case IronErrorKind.accessDenied:
      return failure('access-denied', detail);
    case IronErrorKind.negotiationFailure:
      return failure('nla-refused', detail);
    case IronErrorKind.proxyConnect:
    case IronErrorKind.rdCleanPath:
      return failure('relay', detail);
    default:
      return looksLikeBadCredentials(detail) ? failure('wrong-credentials', detail) : failure('general', detail);
  }
};

/** Servers that end CredSSP by closing the connection leave only IronRDP's words to go by. */
const looksLikeBadCredentials = (text: string): boolean =>
  /logon failure|wrong password|authentication fail|SEC_E_LOGON_DENIED|STATUS_LOGON_FAILURE|access denied/i.test(text);

export const droppedFailure = (reason?: string): OfficePcFailure => failure('dropped', reason);
export const noPasswordFailure = (reason: string): OfficePcFailure => failure('no-password', reason);

/** A request to main that failed before any connection: main's problem when it named one of the office PC's. */
export const requestFailure = (error: unknown): OfficePcFailure => {
  const told = shownErrorOf(error);
  return {
    kind: 'general',
    retry: false,
    ...(told.problem.code.startsWith('officePc.') ? { problem: told.problem } : {}),
    ...(told.detail ? { detail: told.detail } : {}),
  };
};

/** What the pane says about a failure: its sentence, and the technical line behind Details. */
export const shownFailure = (failure: OfficePcFailure): ShownError => ({
  problem: failure.problem ?? { code: `officePc.${failure.kind}` },
  detail: failure.detail,
});
