import type { CallCommand, LiveCall, LiveCalls } from '../../../common/contract/phone';
import type { CallView } from './store';

type LiveState = LiveCall['state'];
const liveStates: readonly string[] = ['ringing', 'calling', 'early', 'active', 'held'] satisfies LiveState[];

/** The line a call was diverted from, as the card names it: the answer group, else who diverted it. */
export const divertedLine = (call: Pick<CallView, 'divertedFrom'>): string | undefined => {
  const diverted = call.divertedFrom;
  return diverted ? (diverted.group ?? diverted.displayName ?? diverted.number) : undefined;
};

/** What main is told of the calls in progress: no feature-code calls, nothing beyond who, where from and since when. */
export const liveCallsOf = (calls: readonly CallView[]): LiveCalls => ({
  calls: calls
    .filter((call) => !call.feature && liveStates.includes(call.state))
    .slice(0, 2)
    .map((call) => {
      const line = divertedLine(call);
      return {
        id: call.id,
        direction: call.direction,
        state: call.state as LiveState,
        number: call.number.slice(0, 128) || '?',
        ...(call.name ? { name: call.name.slice(0, 200) } : {}),
        ...(line ? { divertedFrom: line.slice(0, 200) } : {}),
        ...(call.answeredAt !== undefined ? { answeredAt: new Date(call.answeredAt).toISOString() } : {}),
      };
    }),
});

/** The call a command without an id means: the ringing one to answer or decline, the one in progress to hang up. */
export const callForCommand = (calls: readonly CallView[], command: CallCommand): CallView | undefined => {
  if (command.callId) return calls.find((call) => call.id === command.callId);
  if (command.action !== 'hangUp') return calls.find((call) => call.state === 'ringing' && call.direction === 'incoming');
  return (
    calls.find((call) => call.state === 'active') ??
    calls.find((call) => call.state === 'calling' || call.state === 'early') ??
    calls.find((call) => call.state === 'held')
  );
};
