import { describe, expect, expectTypeOf, it } from 'vitest';
import type { AppInfo, RequestOf, ResponseOf } from '../../../common/contract';
import type { RequestHandlers } from '../../../main/services/handlers';

// These assertions are checked by `tsc -b` (npm run typecheck): a handler map missing a member, or a handler with
// the wrong response type, does not compile.
describe('handler registration', () => {
  it('derives request and response types from the schemas', () => {
    expectTypeOf<RequestOf<'app.info'>>().toEqualTypeOf<Record<string, never>>();
    expectTypeOf<ResponseOf<'app.info'>>().toEqualTypeOf<AppInfo>();
  });

  it('rejects an incomplete or mistyped handler map at compile time', () => {
    // @ts-expect-error app.info has no handler
    const missing: RequestHandlers = {};
    const mistyped: RequestHandlers = {
      // @ts-expect-error app.info must answer with AppInfo
      'app.info': () => ({ version: 1 }),
    };
    expect([missing, mistyped]).toHaveLength(2);
  });
});
