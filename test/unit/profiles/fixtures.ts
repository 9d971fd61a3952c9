import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { keygen, sign, type GeneratedKeys } from '../../../main/services/profiles/profile-signer';

/** "Now" for every test: profiles below are valid from 2026-01-01 to 2027-01-01. */
export const NOW = new Date('2026-06-01T00:00:00Z');
export const clock = (): Date => NOW;

export type ProfileJson = Record<string, unknown>;

/** A realistic municipal profile, as the help desk would write it. */
export const sampleProfile = (overrides: ProfileJson = {}): ProfileJson => ({
  schemaVersion: 1,
  id: 'comune-prato-smartworking',
  serial: 1,
  issuedAt: '2026-01-01T00:00:00Z',
  expiresAt: '2027-01-01T00:00:00Z',
  organization: { name: 'Comune di Prato' },
  helpdesk: {
    phone: '+39 0574 1835000',
    email: 'helpdesk@comune.prato.example',
    url: 'https://helpdesk.comune.prato.example/',
    hours: 'lun–ven 8–18',
  },
  vpn: { probes: { intranetHost: 'intranet.comune.prato.example' } },
  officePc: { host: 'pc-${user.login}.comune.prato.example' },
  phone: {
    server: 'wss://pbx.comune.prato.example:8089/ws',
    domain: 'pbx.comune.prato.example',
    extension: '${user.extension}',
    displayName: 'Ufficio ${user.extension}',
    iceServers: [{ urls: 'stun:stun.comune.prato.example:3478' }],
    featureCodes: { dndOn: '*78', dndOff: '*79', forwardOn: '*72', forwardOff: '*73', groupLogin: '*45', groupLogout: '*46' },
    answerGroups: [{ name: 'Polizia Municipale', number: '600' }],
  },
  calendars: [{ id: 'work', name: 'Lavoro', url: 'https://cal.comune.prato.example/${user.login}.ics' }],
  meetings: { notifyMinutes: 5 },
  links: [{ title: 'Intranet', url: 'https://intranet.comune.prato.example/' }],
  updates: { url: 'https://updates.comune.prato.example/scrivania/' },
  enforced: ['/phone/server', '/phone/domain'],
  userFields: [
    {
      key: 'extension',
      label: { en: 'Extension', it: 'Interno' },
      pattern: '[0-9]{3,6}',
      hint: { en: 'the number on your desk phone', it: 'il numero del telefono della tua scrivania' },
    },
    { key: 'login', label: { en: 'Windows user name', it: 'Nome utente Windows' } },
  ],
  ...overrides,
});

const DAY_MS = 86_400_000;

/** A bare profile of Comune di Test valid by the real clock (issued yesterday, for 90 days), with the fields given. */
export const currentProfile = (fields: ProfileJson): ProfileJson => ({
  schemaVersion: 1,
  issuedAt: new Date(Date.now() - DAY_MS).toISOString(),
  expiresAt: new Date(Date.now() + 90 * DAY_MS).toISOString(),
  organization: { name: 'Comune di Test' },
  ...fields,
});

export const encode = (value: unknown): Uint8Array => new TextEncoder().encode(JSON.stringify(value, null, 2));

export const signedBytes = (profile: ProfileJson, keys: GeneratedKeys): Uint8Array => encode(sign(profile, keys.privateKeyPem));

export { keygen };

export const withTempDir = async (): Promise<{ dir: string; remove: () => Promise<void> }> => {
  const dir = await mkdtemp(join(tmpdir(), 'scrivania-profiles-'));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
};
