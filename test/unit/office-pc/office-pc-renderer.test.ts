import { describe, expect, it } from 'vitest';
import { ContractError } from '../../../common/contract/errors';
import { classifyFailure, requestFailure, shownFailure } from '../../../renderer/src/office-pc/failures';
import { IronErrorKind } from '../../../renderer/src/office-pc/iron-rdp';
import { scancodeOf } from '../../../renderer/src/office-pc/scancodes';
import { canvasCssSize, desktopSizeFor, reconnectDelayMs } from '../../../renderer/src/office-pc/screen-geometry';

const ironError = (kind: number, backtrace = 'something failed\nat …') => ({ kind: () => kind, backtrace: () => backtrace });
const presented = { subject: 'CN=x', issuer: 'CN=x', validFrom: '', validTo: '', sha256: 'aa'.repeat(32) };

describe('what the pane tells the employee when connecting fails', () => {
  it('trusts the relay for network, negotiation and certificate failures', () => {
    expect(
      classifyFailure(
        ironError(IronErrorKind.rdCleanPath),
        { outcome: 'unreachable', detail: '10.0.4.21:3389: connection refused' },
        undefined,
      ),
    ).toEqual({ kind: 'unreachable', retry: true, detail: '10.0.4.21:3389: connection refused' });
    expect(classifyFailure(ironError(IronErrorKind.rdCleanPath), { outcome: 'timeout' }, undefined).kind).toBe('unreachable');
    expect(
      classifyFailure(ironError(IronErrorKind.negotiationFailure), { outcome: 'negotiation-failed', detail: 'x' }, undefined),
    ).toMatchObject({ kind: 'nla-refused', retry: false });
    expect(classifyFailure(ironError(IronErrorKind.general), { outcome: 'authentication-failed' }, undefined)).toMatchObject({
      kind: 'wrong-credentials',
      retry: false,
    });
    const changed = { kind: 'changed' as const, destination: 'pc:3389', presented, expectedSha256: 'bb'.repeat(32) };
    expect(classifyFailure(ironError(IronErrorKind.rdCleanPath), { outcome: 'certificate-untrusted' }, changed).kind).toBe(
      'certificate-changed',
    );
    expect(
      classifyFailure(ironError(IronErrorKind.rdCleanPath), { outcome: 'certificate-untrusted' }, { ...changed, kind: 'pin-mismatch' })
        .kind,
    ).toBe('certificate-pinned');
    expect(classifyFailure(ironError(IronErrorKind.rdCleanPath), { outcome: 'certificate-untrusted' }, undefined).kind).toBe(
      'certificate-new',
    );
  });

  it('trusts IronRDP for what happened inside the session', () => {
    expect(classifyFailure(ironError(IronErrorKind.wrongPassword), { outcome: 'closed' }, undefined)).toEqual({
      kind: 'wrong-credentials',
      retry: false,
      detail: 'something failed',
    });
    expect(classifyFailure(ironError(IronErrorKind.logonFailure), undefined, undefined).kind).toBe('wrong-credentials');
    expect(classifyFailure(ironError(IronErrorKind.accessDenied), undefined, undefined).kind).toBe('access-denied');
    expect(classifyFailure(ironError(IronErrorKind.general, 'CredSSP: STATUS_LOGON_FAILURE'), undefined, undefined).kind).toBe(
      'wrong-credentials',
    );
    expect(classifyFailure(new Error('Failed to fetch'), undefined, undefined)).toEqual({
      kind: 'general',
      retry: true,
      detail: 'Failed to fetch',
    });
  });
});

describe('what the pane says about a failure', () => {
  it("is the kind's catalogue sentence, with the technical line behind Details", () => {
    expect(
      shownFailure(classifyFailure(new Error('x'), { outcome: 'unreachable', detail: '10.0.4.21:3389: connection refused' }, undefined)),
    ).toEqual({
      problem: { code: 'officePc.unreachable' },
      detail: '10.0.4.21:3389: connection refused',
    });
  });

  it("is main's own office PC problem when a request named one, and the kind's when it named none", () => {
    const refused = new ContractError('failed', 'officePc.openSession: no office PC is configured', undefined, {
      code: 'officePc.not-configured',
    });
    expect(shownFailure(requestFailure(refused))).toEqual({
      problem: { code: 'officePc.not-configured' },
      detail: 'officePc.openSession: no office PC is configured',
    });
    expect(shownFailure(requestFailure(new Error('socket hang up')))).toEqual({
      problem: { code: 'officePc.general' },
      detail: 'socket hang up',
    });
  });
});

describe('keyboard and screen', () => {
  it('sends scancodes by physical key, with extended keys for AltGr, the Windows key and the arrows', () => {
    expect(scancodeOf('KeyA')).toBe(0x1e);
    expect(scancodeOf('AltRight')).toBe(0xe038);
    expect(scancodeOf('MetaLeft')).toBe(0xe05b);
    expect(scancodeOf('IntlBackslash')).toBe(0x56);
    expect(scancodeOf('ArrowUp')).toBe(0xe048);
    expect(scancodeOf('NumpadEnter')).toBe(0xe01c);
    expect(scancodeOf('MediaPlayPause')).toBeUndefined();
  });

  it('asks for a desktop the size of the pane in device pixels, even and within RDP limits', () => {
    expect(desktopSizeFor(1000.5, 700, 1)).toEqual({ width: 1000, height: 700 });
    expect(desktopSizeFor(1001, 601, 2)).toEqual({ width: 2002, height: 1202 });
    expect(desktopSizeFor(100, 100, 1)).toEqual({ width: 640, height: 480 });
    expect(desktopSizeFor(9000, 9000, 1)).toEqual({ width: 8192, height: 8192 });
  });

  it('scales the remote screen to fit, or shows it pixel for pixel', () => {
    expect(canvasCssSize('fit', { width: 1024, height: 768 }, { width: 800, height: 800 }, 1)).toEqual({ width: 800, height: 600 });
    expect(canvasCssSize('actual', { width: 2048, height: 1536 }, { width: 800, height: 800 }, 2)).toEqual({ width: 1024, height: 768 });
  });

  it('reconnects quickly after a blip and patiently after an outage', () => {
    expect([1, 2, 3, 4, 5, 6, 8].map(reconnectDelayMs)).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000]);
  });
});
