import { afterEach, describe, expect, it } from 'vitest';
import type { OfficePcState } from '../../../common/contract/office-pc';
import { OfficePcService, statusOf } from '../../../main/services/office-pc/office-pc-service';
import { memoryLog } from '../../support/memory-log';
import { withTempDir } from '../profiles/fixtures';

const services: OfficePcService[] = [];
const removals: (() => Promise<void>)[] = [];

const service = async () => {
  const dir = await withTempDir();
  removals.push(dir.remove);
  const created = new OfficePcService({ log: memoryLog().log, dataDir: dir.dir, probeIntervalMs: 0 });
  services.push(created);
  return created;
};

afterEach(async () => {
  await Promise.all(services.splice(0).map((each) => each.dispose()));
  await Promise.all(removals.splice(0).map((remove) => remove()));
});

const ready: OfficePcState = {
  configuration: 'ready',
  name: 'PC anagrafe',
  host: 'pc.comune.example',
  port: 3389,
  certificatePinned: false,
  reachability: { state: 'unknown' },
  activeSessions: 0,
  connectingSessions: 0,
  connectedSessions: 0,
};

describe('the office PC card', () => {
  it('shows the name and whether it is reachable, connected, or has a certificate problem', () => {
    expect(statusOf({ ...ready, reachability: { state: 'checking' } })).toEqual({
      level: 'idle',
      summary: { key: 'officePc.status.checking', params: { name: 'PC anagrafe' } },
    });
    expect(statusOf({ ...ready, reachability: { state: 'reachable', ms: 3 } })).toEqual({
      level: 'idle',
      summary: { key: 'officePc.status.reachable', params: { name: 'PC anagrafe' } },
    });
    expect(statusOf({ ...ready, reachability: { state: 'unreachable' } })).toMatchObject({
      level: 'warning',
      summary: { key: 'officePc.status.unreachable' },
    });
    const reachable = { ...ready, reachability: { state: 'reachable' as const, ms: 3 } };
    // Bytes through the relay are not a session yet: until the client signed in, the card says it is connecting.
    expect(statusOf({ ...reachable, connectingSessions: 1 })).toEqual({
      level: 'busy',
      summary: { key: 'officePc.status.connecting', params: { name: 'PC anagrafe' } },
    });
    expect(statusOf({ ...reachable, activeSessions: 1, connectingSessions: 1 }).level).toBe('busy');
    expect(statusOf({ ...reachable, activeSessions: 1, connectedSessions: 1 })).toMatchObject({
      level: 'ok',
      summary: { key: 'officePc.status.connected' },
    });
    const presented = { subject: 'CN=x', issuer: 'CN=x', validFrom: '', validTo: '', sha256: 'aa'.repeat(32) };
    expect(
      statusOf({ ...ready, certificateQuestion: { kind: 'changed', destination: 'pc:3389', presented, expectedSha256: 'bb'.repeat(32) } })
        .level,
    ).toBe('error');
    expect(statusOf({ ...ready, certificateQuestion: { kind: 'new', destination: 'pc:3389', presented } }).level).toBe('idle');
    expect(
      statusOf({
        configuration: 'absent',
        certificatePinned: false,
        reachability: { state: 'unknown' },
        activeSessions: 0,
        connectingSessions: 0,
        connectedSessions: 0,
      }).level,
    ).toBe('unconfigured');
  });
});

describe('OfficePcService', () => {
  it('calls a reserved example name unreachable without asking any DNS server', async () => {
    const officePc = await service();
    officePc.configure({ host: 'pc-mrossi.comune.prato.example' });
    expect(await officePc.checkReachability()).toMatchObject({
      state: 'unreachable',
      detail: 'pc-mrossi.comune.prato.example is a reserved example name that never resolves',
    });
    expect(officePc.status()).toEqual({
      level: 'warning',
      summary: { key: 'officePc.status.unreachable', params: { name: 'pc-mrossi.comune.prato.example' } },
    });
  });

  it('refuses a session until the profile names an office PC the employee’s details complete', async () => {
    const officePc = await service();
    await expect(officePc.openSession()).rejects.toThrow('no office PC is configured');
    officePc.configure({ host: 'pc-${user.login}.comune.example' });
    expect(officePc.state().configuration).toBe('needs-details');
    expect(officePc.status()).toEqual({ level: 'warning', summary: { key: 'officePc.status.needsDetails' } });
    await expect(officePc.openSession()).rejects.toThrow('type your details on the Profile page first');
  });

  it('gives each session its own single-use loopback ticket for the configured office PC', async () => {
    const officePc = await service();
    officePc.configure({ host: 'pc.comune.example', port: 3390, username: 'mrossi', domain: 'COMUNE' });
    const first = await officePc.openSession();
    const second = await officePc.openSession();
    expect(first).toMatchObject({
      destination: 'pc.comune.example:3390',
      username: 'mrossi',
      domain: 'COMUNE',
      relayUrl: expect.stringMatching(/^ws:\/\/127\.0\.0\.1:\d+\/rdcleanpath\//) as string,
    });
    expect(first.authToken).not.toBe(second.authToken);
    expect(first.authToken.length).toBeGreaterThanOrEqual(43);
    expect(officePc.sessionOutcome(first.sessionId)).toEqual({ outcome: 'pending' });
    expect(officePc.closeSession(first.sessionId)).toBe(true);
    expect(officePc.sessionOutcome(first.sessionId)).toEqual({ outcome: 'closed', detail: 'closed before it was used' });
  });

  it('counts an issued session as connecting, never as connected, until the client signs in over it', async () => {
    const officePc = await service();
    officePc.configure({ name: 'PC anagrafe', host: '127.0.0.1', port: 3390 });
    const ticket = await officePc.openSession();
    expect(officePc.state()).toMatchObject({ connectingSessions: 1, connectedSessions: 0, activeSessions: 0 });
    expect(officePc.status()).toEqual({ level: 'busy', summary: { key: 'officePc.status.connecting', params: { name: 'PC anagrafe' } } });
    // Nothing flows through the relay yet: a sign-in report cannot make it connected.
    expect(officePc.sessionSignedIn(ticket.sessionId)).toBe(false);
    expect(officePc.status().level).toBe('busy');
    officePc.closeSession(ticket.sessionId);
    expect(officePc.state()).toMatchObject({ connectingSessions: 0, connectedSessions: 0 });
    expect(officePc.status().level).not.toBe('busy');
  });

  it('will not answer a certificate question nobody asked', async () => {
    const officePc = await service();
    officePc.configure({ host: 'pc.comune.example' });
    await expect(officePc.answerCertificate('aa'.repeat(32), true)).rejects.toThrow('that certificate is not waiting for an answer');
  });
});
