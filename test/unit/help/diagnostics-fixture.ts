import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SelfTestReport } from '../../../common/contract/help';
import { createHostLogger } from '../../../main/services/logging/file-logger';
import { registerSecret } from '../../../main/services/logging/secret-registry';
import { ProfileService } from '../../../main/services/profiles/profile-service';
import { clock, keygen, sampleProfile, signedBytes } from '../profiles/fixtures';
import { privateKeyLines, registeredSecrets, shapedSecrets, signingKeys } from '../logging/log-secrets';

/** Secrets that reach the configuration: a TURN credential, a private calendar feed, an update server's password. */
export const configSecrets = {
  turnCredential: 'Turn-Cred-Config-7171',
  calendarFeedToken: 'private-3f9a1c7e5b2d4f60a8c1',
  calendarQueryToken: 'Cal-Query-Tok-2323',
  updatesPassword: 'Upd-Passw0rd-4646',
};

export const everySecretForm = (): string[] =>
  [...Object.values(registeredSecrets), ...Object.values(shapedSecrets), ...Object.values(configSecrets)]
    .flatMap((secret) => [secret, Buffer.from(secret).toString('base64')])
    .concat(privateKeyLines);

export const sampleReport: SelfTestReport = {
  startedAt: '2026-06-01T08:00:00.000Z',
  finishedAt: '2026-06-01T08:00:02.000Z',
  outcome: 'fail',
  checks: [
    { id: 'profile', outcome: 'pass', meaning: { key: 'help.selfTest.profile.pass' }, ms: 3 },
    {
      id: 'officePc',
      outcome: 'fail',
      meaning: { key: 'help.selfTest.officePc.fail' },
      action: { key: 'help.selfTest.officePc.wake' },
      detail: 'pc-mrossi.comune.prato.example:3389 ECONNREFUSED',
      ms: 1200,
    },
  ],
};

/** The entries, sorted, of a bundle made from the seeded data folder: two log files beside the fixed ones. */
export const seededBundleEntries = [
  'README.txt',
  'configuration.json',
  'logs/scrivania.1.log',
  'logs/scrivania.log',
  'profile.json',
  'self-test.json',
  'status.json',
  'versions.json',
];

/** A data folder as the app leaves it: a signed profile with secrets in its configuration, and logs with secrets logged. */
export const seededDataFolder = async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'scrivania-diagnostics-'));
  const logDir = join(dataDir, 'logs');
  const keys = keygen();
  const profiles = new ProfileService({ dataDir, trustedKeys: [keys.publicKeyPem], clock });
  const profile = sampleProfile({
    phone: {
      ...(sampleProfile()['phone'] as object),
      iceServers: [{ urls: 'turn:turn.comune.prato.example:3478', username: 'scrivania', credential: configSecrets.turnCredential }],
    },
    calendars: [
      {
        id: 'work',
        name: 'Lavoro',
        url: `https://cal.comune.prato.example/owa/calendar/${configSecrets.calendarFeedToken}/calendar.ics?t=${configSecrets.calendarQueryToken}`,
      },
    ],
    updates: { url: `https://scrivania:${configSecrets.updatesPassword}@updates.comune.prato.example/scrivania/` },
  });
  const imported = await profiles.importBytes(signedBytes(profile, keys));
  if (!imported.ok) throw new Error(`the test profile was refused: ${imported.reason}`);
  await profiles.setUserField('extension', '4021');
  await profiles.setUserField('login', 'mrossi');

  Object.values(registeredSecrets).forEach(registerSecret);
  const logger = createHostLogger({ logDir, level: 'debug', terminal: { write: () => true }, terminalLevel: 'error' });
  const log = logger.log.child('phone');
  log.info('an ordinary line the help desk needs', { extension: '4021' });
  for (const secret of Object.values(registeredSecrets))
    log.warn(`registration failed with ${secret}`, { error: new Error(secret), nested: [{ secret }] });
  log.info(`GET https://mario:${shapedSecrets.urlPassword}@cal.example/feed.ics?token=${shapedSecrets.queryToken}`, {
    headers: { authorization: `Bearer ${shapedSecrets.bearer}` },
  });
  log.error('a key was pasted', { text: signingKeys.privateKeyPem });
  await logger.close();
  // An older log, written before this process learned the secret it holds: the bundle redacts it again.
  writeFileSync(
    join(logDir, 'scrivania.1.log'),
    `${JSON.stringify({ level: 'info', message: `older line with ${registeredSecrets.keychainPassword}` })}\n`,
  );
  writeFileSync(join(logDir, 'call-recording.wav'), 'RIFF....WAVEfmt ');
  writeFileSync(join(logDir, 'voicemail.opus'), 'OggS');
  return { dataDir, logDir, profiles, keys };
};
