import type { CallRecordInput } from '../../../common/contract/phone';
import type { CallEnd } from './sip/sip-agent';
import type { CallView } from './store';

/** How the history remembers a call that ended `now` (milliseconds since the epoch). */
export const callRecordOf = (view: CallView, end: CallEnd, now: number): CallRecordInput => {
  const outcome: CallRecordInput['outcome'] = end.answered
    ? 'answered'
    : view.direction === 'outgoing'
      ? 'unanswered'
      : end.by === 'local'
        ? 'declined'
        : 'missed';
  return {
    direction: view.direction,
    number: view.number.slice(0, 128) || '?',
    ...(view.name ? { name: view.name.slice(0, 200) } : {}),
    ...(view.divertedFrom ? { divertedFrom: view.divertedFrom } : {}),
    startedAt: view.startedAt,
    durationSeconds: view.answeredAt ? Math.max(0, Math.round((now - view.answeredAt) / 1000)) : 0,
    outcome,
  };
};

/** The desktop notification of a ringing call: who calls, and on which line it was diverted. */
export const notificationOf = (view: CallView): { title: string; body: string } => {
  const who = view.name ? `${view.name} (${view.number})` : view.number;
  const diverted = view.divertedFrom;
  return { title: `Scrivania: ${who}`, body: diverted ? (diverted.group ?? diverted.displayName ?? diverted.number) : '' };
};
