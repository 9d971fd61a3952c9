import { describe, expect, it } from 'vitest';
import { callFailure, registrationProblem } from '../../../renderer/src/phone/problems';
import { registeredPhone } from './fake-phone';

describe('a call that could not be made', () => {
  it('is told by its SIP status: not found, busy, unavailable, refused, the PBX failing, else that it did not go through', () => {
    const told = (code: number, cause = 'failed') => callFailure('outgoing', { by: 'remote', cause, code, answered: false }, '2099');
    expect(told(404, 'not-found')).toEqual({
      problem: { code: 'phone.call-not-found', params: { number: '2099' } },
      detail: '404 not-found',
    });
    expect(told(484)?.problem.code).toBe('phone.call-not-found');
    expect(told(486, 'busy')?.problem.code).toBe('phone.call-busy');
    expect(told(480, 'unavailable')?.problem.code).toBe('phone.call-unavailable');
    expect(told(408)?.problem.code).toBe('phone.call-unavailable');
    expect(told(603, 'rejected')?.problem.code).toBe('phone.call-refused');
    expect(told(503)?.problem.code).toBe('phone.call-service-unavailable');
    expect(told(488)).toEqual({ problem: { code: 'phone.call-failed', params: { number: '2099' } }, detail: '488 failed' });
  });

  it('without a status, by the cause; the microphone refused is said whichever way the call went', () => {
    expect(callFailure('outgoing', { by: 'system', cause: 'connection-error', answered: false }, '2042')?.problem.code).toBe(
      'phone.call-service-unavailable',
    );
    expect(callFailure('incoming', { by: 'local', cause: 'user-denied-media-access', answered: false }, '2042')).toEqual({
      problem: { code: 'phone.no-microphone' },
      detail: 'user-denied-media-access',
    });
  });

  it('is nothing to tell when someone simply hung up, cancelled or missed it', () => {
    expect(callFailure('outgoing', { by: 'local', cause: 'canceled', answered: false }, '2042')).toBeUndefined();
    expect(callFailure('outgoing', { by: 'remote', cause: 'bye', answered: true }, '2042')).toBeUndefined();
    expect(callFailure('incoming', { by: 'remote', cause: 'canceled', answered: false }, '2042')).toBeUndefined();
  });

  it('shows on the pane as the catalogue problem once the PBX answers 404', async () => {
    const { phone, agent, store } = await registeredPhone();
    phone.dial('2099');
    agent().placed[0]?.end({ by: 'remote', cause: 'not-found', code: 404 });
    expect(store.getState().notice).toEqual({
      problem: { code: 'phone.call-not-found', params: { number: '2099' } },
      detail: '404 not-found',
    });
  });
});

describe('a registration that failed', () => {
  it('says the password was refused, the PBX does not answer, or the registrar refused with its code', () => {
    expect(registrationProblem({ state: 'failed', code: 403, reason: 'Wrong user name or password', auth: true }, 'wss://pbx')).toEqual({
      problem: { code: 'phone.registration-refused' },
      detail: '403 Wrong user name or password',
    });
    expect(
      registrationProblem({ state: 'failed', reason: 'the PBX at wss://pbx does not answer; trying again', auth: false }, 'wss://pbx'),
    ).toEqual({
      problem: { code: 'phone.pbx-unreachable', params: { server: 'wss://pbx' } },
      detail: 'the PBX at wss://pbx does not answer; trying again',
    });
    expect(registrationProblem({ state: 'failed', code: 503, reason: 'Service Unavailable', auth: false }, 'wss://pbx').problem).toEqual({
      code: 'phone.registration-failed',
      params: { code: 503 },
    });
  });
});
