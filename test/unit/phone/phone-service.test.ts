import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CallRecordInput } from '../../../common/contract/phone';
import { PhoneService } from '../../../main/services/phone/phone-service';
import { memoryLog } from '../../support/memory-log';

const section = {
  server: 'wss://pbx.comune.prato.example:8089/ws',
  domain: 'pbx.comune.prato.example',
  extension: '2041',
  featureCodes: { dndOn: '*78', dndOff: '*79', groupLogin: '*45', groupLogout: '*46' },
  answerGroups: [{ name: 'Polizia Municipale', number: '600' }],
};

const missed = (startedAt: string): CallRecordInput => ({
  direction: 'incoming',
  number: '3001',
  startedAt,
  durationSeconds: 0,
  outcome: 'missed',
});

let dataDir: string;
let now = new Date('2026-06-01T09:00:00Z');
const service = () => new PhoneService({ dataDir, log: memoryLog().log, clock: () => now });

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'scrivania-phone-'));
  now = new Date('2026-06-01T09:00:00Z');
});
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe('the phone service', () => {
  it('turns the profile and the reported registration into the phone card’s status', () => {
    const phone = service();
    expect(phone.status()).toEqual({ level: 'unconfigured', summary: { key: 'status.notConfigured' } });
    phone.configure({ server: section.server });
    expect(phone.status()).toEqual({
      level: 'warning',
      summary: { key: 'phone.status.incomplete', params: { missing: 'domain, extension' } },
    });
    phone.configure(section);
    expect(phone.status()).toEqual({ level: 'warning', summary: { key: 'status.phoneOff', params: { extension: '2041' } } });
    phone.reportRegistration({ state: 'registering' });
    expect(phone.status().level).toBe('busy');
    phone.reportRegistration({ state: 'registered' });
    expect(phone.status()).toEqual({ level: 'ok', summary: { key: 'phone.status.registered', params: { extension: '2041' } } });
    phone.reportRegistration({ state: 'failed', code: 403, reason: 'Wrong user name or password' });
    // The card says what happened in its own words; the registrar's English phrase stays behind the pane's Details.
    expect(phone.status()).toEqual({ level: 'error', summary: { key: 'phone.status.refused', params: { extension: '2041' } } });
    phone.reportRegistration({ state: 'failed', code: 503, reason: 'Service Unavailable' });
    expect(phone.status()).toEqual({ level: 'error', summary: { key: 'phone.status.failed', params: { extension: '2041', code: 503 } } });
    phone.reportRegistration({ state: 'failed', reason: 'the PBX at ws://127.0.0.1:1 does not answer; trying again' });
    expect(phone.status()).toEqual({ level: 'error', summary: { key: 'phone.status.unreachable', params: { extension: '2041' } } });
  });

  it('gives the pane the configuration without any feature code it cannot use, and the CSP the PBX origin', () => {
    const phone = service();
    phone.configure(section);
    expect(phone.config()).toMatchObject({
      configured: true,
      missing: [],
      extension: '2041',
      iceServers: [],
      features: ['dndOn', 'dndOff', 'groupLogin', 'groupLogout'],
    });
    expect(phone.connectSources()).toEqual(['wss://pbx.comune.prato.example:8089']);
    phone.configure(undefined);
    expect(phone.connectSources()).toEqual([]);
  });

  it('counts missed calls until the employee has seen them, across a restart', async () => {
    const phone = service();
    await phone.start();
    await phone.recordCall(missed('2026-06-01T08:00:00.000Z'));
    await phone.recordCall({ ...missed('2026-06-01T08:10:00.000Z'), outcome: 'answered', durationSeconds: 30 });
    expect(phone.history().missedUnseen).toBe(1);
    await phone.markMissedSeen();
    now = new Date('2026-06-01T10:00:00Z');
    await phone.recordCall(missed('2026-06-01T09:30:00.000Z'));
    const restarted = service();
    await restarted.start();
    expect(restarted.history().missedUnseen).toBe(1);
    expect(restarted.history().entries.map((entry) => entry.startedAt)).toEqual([
      '2026-06-01T09:30:00.000Z',
      '2026-06-01T08:10:00.000Z',
      '2026-06-01T08:00:00.000Z',
    ]);
    await restarted.clearHistory();
    expect(restarted.history()).toEqual({ entries: [], missedUnseen: 0 });
  });

  it('dials feature codes from the profile and remembers what the PBX accepted, across a restart', async () => {
    const phone = service();
    phone.configure(section);
    await phone.start();
    expect(phone.featureDial({ feature: 'groupLogout', group: '600' })).toBe('*46600');
    expect(() => phone.featureDial({ feature: 'forwardOn', target: '0574' })).toThrow(
      'your profile defines no feature code for forwarding all calls',
    );
    await phone.featureApplied({ feature: 'dndOn' });
    await phone.featureApplied({ feature: 'groupLogout', group: '600' });
    const restarted = service();
    await restarted.start();
    expect(restarted.features()).toEqual({ dnd: true, forwardTo: null, groups: { '600': false }, changedAt: '2026-06-01T09:00:00.000Z' });
  });

  it('remembers the preferences; an empty device id goes back to the default', async () => {
    const phone = service();
    await phone.setPreferences({ signIn: true, speaker: 'speaker-1', ringer: 'ringer-1' });
    await phone.setPreferences({ ringer: '' });
    const restarted = service();
    await restarted.start();
    expect(restarted.preferences()).toEqual({ signIn: true, speaker: 'speaker-1' });
  });

  it('passes a dial request to the pane only when the phone is set up', () => {
    const phone = service();
    const requests: unknown[] = [];
    phone.on('dialRequested', (request) => requests.push(request));
    expect(() => phone.dial({ target: 'tel:+390574' })).toThrow('the phone is not set up');
    phone.configure(section);
    phone.dial({ target: 'tel:+390574', tones: '1234#' });
    expect(requests).toEqual([{ target: 'tel:+390574', tones: '1234#' }]);
    expect(phone.dialer().available()).toBe(false);
    phone.reportRegistration({ state: 'registered' });
    expect(phone.dialer().available()).toBe(true);
  });
});
