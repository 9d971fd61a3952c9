import type { LocalizedMessage } from '../contract/app';

/** Values a VPN client or the system wrote in its own words: shown behind Details, never inside the sentence. */
const TECHNICAL_PARAMS = ['error', 'message', 'detail', 'state'] as const;

/** A reason's technical values, one line (`AUTH_PENDING ESERVFAIL`), or '' when it has none. */
export const technicalDetailOf = (reason: LocalizedMessage): string =>
  TECHNICAL_PARAMS.map((name) => reason.params?.[name])
    .filter((value) => value !== undefined && String(value).trim() !== '')
    .join(' ');

/** A reason as one line of text outside the window (the CLI, the self-test's detail): its sentence, then its technical values. */
export const reasonWithDetail = (sentence: string, reason: LocalizedMessage): string => {
  const technical = technicalDetailOf(reason);
  return technical ? `${sentence} (${technical})` : sentence;
};
