import type { z } from 'zod';

/** A request the renderer sends to main and the response main sends back. */
export interface RequestMember<Req extends z.ZodType = z.ZodType, Res extends z.ZodType = z.ZodType> {
  readonly kind: 'request';
  readonly request: Req;
  readonly response: Res;
}

/**
 * An event main pushes to every window. A retained event keeps its latest payload, which a new subscriber
 * receives at once: it is state, not a notification.
 */
export interface EventMember<P extends z.ZodType = z.ZodType> {
  readonly kind: 'event';
  readonly payload: P;
  readonly retained: boolean;
}

/** A bidirectional byte stream opened by the renderer with typed parameters. */
export interface StreamMember<O extends z.ZodType = z.ZodType> {
  readonly kind: 'stream';
  readonly open: O;
}

export type ContractMember = RequestMember | EventMember | StreamMember;

export const request = <Req extends z.ZodType, Res extends z.ZodType>(req: Req, res: Res): RequestMember<Req, Res> => ({
  kind: 'request',
  request: req,
  response: res,
});

export const event = <P extends z.ZodType>(payload: P, options: { retained?: boolean } = {}): EventMember<P> => ({
  kind: 'event',
  payload,
  retained: options.retained ?? false,
});

export const stream = <O extends z.ZodType>(open: O): StreamMember<O> => ({ kind: 'stream', open });
