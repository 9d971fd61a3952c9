import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SelfTestCheck, SelfTestReport } from '../../common/contract/help';
import { outcomeMarks, selfTestSummary } from '../../common/help/self-test-summary';
import { defaultDataDir, readBuiltInTrustedKeys } from '../host/core/host-paths';
import { CredentialService } from '../services/credentials/credential-service';
import { OrganisationSecrets } from '../services/credentials/organisation-secrets';
import { KeychainSecretStore } from '../services/credentials/keychain-secret-store';
import { LAST_SELF_TEST_FILE, SelfTestService } from '../services/help/self-test/self-test-service';
import { createLogger, jsonLinesTo, type Logger } from '../services/logging/logger';
import { readOsPolicy } from '../services/profiles/policy-sources';
import { ProfileService } from '../services/profiles/profile-service';
import { formatMessage, messagesFor, terminalLocale, type Messages } from '../services/text/localized-text';
import packageJson from '../../package.json';
import { userValuesFrom } from './profile-sections';
import { parseOptions, processOutput, type CliOutput } from './command-group';
import { isParseArgsError, UsageError } from './usage';

/** Exit codes: 0 nothing failed, 1 a check failed, 2 wrong usage. */
const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

export const doctorUsage = `Usage: scrivania doctor [--profile SIGNED.json [--trust PUBLIC_KEY.pem]... [--user KEY=VALUE]...] [--data-dir DIR] [--json] [--verbose] [--lang it|en]

  Runs "Check my setup": the profile, the keychain, the VPN and the intranet name, the office PC, the phone
  system's WebSocket and registration, the calendars and the update server, each with its own timeout.
  --profile   verify and use this signed profile (with --user KEY=VALUE for its \${user.KEY} values) instead of
              the data folder's active profile; the result is then not kept as the last self-test
  --trust     a public key trusted for --profile, beside the built-in ones
  --data-dir  the data folder (active profile, trusted office PC certificates, last self-test)
  --json      print the report as JSON
  --verbose   add each check's technical detail for the help desk
  --lang      it or en; the terminal's language otherwise

Exit status: 0 nothing failed, 1 something failed, 2 wrong usage.
`;

export type DoctorIo = CliOutput;

/** What a test may set: a keychain probe timeout short enough for a machine without one. */
export interface DoctorOptions {
  keychainProbeTimeoutMs?: number;
}

const describeCheck = (check: SelfTestCheck, messages: Messages, verbose: boolean): string => {
  const name = formatMessage(messages, { key: `help.selfTest.check.${check.id}` });
  const sentences = [formatMessage(messages, check.meaning), ...(check.action ? [formatMessage(messages, check.action)] : [])].join(' ');
  const line = `${outcomeMarks[check.outcome]} ${name}: ${sentences}`;
  return verbose && check.detail ? `${line}\n    ${check.detail}` : line;
};

/** The report as a person reads it: one line per check, then the overall outcome. */
export const describeReport = (report: SelfTestReport, messages: Messages, verbose = false): string => {
  const summary = formatMessage(messages, selfTestSummary(report));
  const lines = report.checks.map((check) => describeCheck(check, messages, verbose));
  lines.push('', formatMessage(messages, { key: 'help.selfTest.finished', params: { summary } }));
  return `${lines.join('\n')}\n`;
};

const readKeys = (files: readonly string[]): Promise<string[]> =>
  Promise.all(
    files.map(async (file) => {
      try {
        return await readFile(file, 'utf8');
      } catch (error) {
        throw new UsageError(`cannot read the public key ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
      }
    }),
  );

interface Setup {
  profiles: ProfileService;
  reportFile?: string;
  cleanup(): Promise<void>;
}

/** The profile file verified and imported into a throwaway data folder, so the employee's own stays as it was. */
const profileFromFile = async (file: string, users: readonly string[], trustedKeys: string[], log: Logger): Promise<Setup> => {
  const values = userValuesFrom(users);
  if (typeof values === 'string') throw new UsageError(values);
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(file));
  } catch (error) {
    throw new UsageError(`cannot read the profile ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  const dir = await mkdtemp(join(tmpdir(), 'scrivania-doctor-'));
  const cleanup = () => rm(dir, { recursive: true, force: true });
  const profiles = new ProfileService({ dataDir: dir, trustedKeys, log: log.child('profiles') });
  const imported = await profiles.importBytes(bytes, 'file');
  // A refused profile is not a usage error: the profile check reports it with its reason.
  if (imported.ok) {
    for (const [key, value] of values) {
      const set = await profiles.setUserField(key, value);
      if (!set.ok) {
        await cleanup();
        throw new UsageError(`--user ${key}: ${set.reason}`);
      }
    }
  }
  return { profiles, cleanup };
};

const parse = (args: string[]) => {
  const values = parseOptions(args, {
    profile: { type: 'string' },
    trust: { type: 'string', multiple: true, default: [] },
    user: { type: 'string', multiple: true, default: [] },
    'data-dir': { type: 'string' },
    json: { type: 'boolean', default: false },
    verbose: { type: 'boolean', default: false },
    lang: { type: 'string' },
  });
  if (values.lang !== undefined && values.lang !== 'it' && values.lang !== 'en')
    throw new UsageError(`--lang must be it or en, not "${values.lang}"`);
  if (values.profile === undefined && values.user.length > 0)
    throw new UsageError('--user goes with --profile; the data folder keeps your own values');
  if (values.profile === undefined && values.trust.length > 0) throw new UsageError('--trust goes with --profile');
  return values;
};

/** `scrivania doctor`: the self-test from a terminal; exits 1 when any check failed. */
export const runDoctorCommand = async (args: string[], io: DoctorIo = processOutput, options: DoctorOptions = {}): Promise<number> => {
  let values: ReturnType<typeof parse>;
  try {
    if (args[0] === 'help' || args[0] === '--help') {
      io.out(doctorUsage);
      return EXIT.ok;
    }
    values = parse(args);
  } catch (error) {
    if (error instanceof UsageError || isParseArgsError(error)) {
      io.err(`scrivania doctor: ${error.message}\n${doctorUsage}`);
      return EXIT.usage;
    }
    throw error;
  }
  const log = createLogger(jsonLinesTo(process.stderr, process.env['SCRIVANIA_LOG_LEVEL'] === 'debug' ? 'debug' : 'error'));
  const dataDir = values['data-dir'] ?? defaultDataDir();
  const store = new KeychainSecretStore({
    log: log.child('credentials'),
    ...(options.keychainProbeTimeoutMs !== undefined ? { probeTimeoutMs: options.keychainProbeTimeoutMs } : {}),
  });
  let setup: Setup | undefined;
  try {
    const distDir = join(dirname(fileURLToPath(import.meta.url)), '..');
    const builtIn = await readBuiltInTrustedKeys(distDir);
    setup =
      values.profile !== undefined
        ? await profileFromFile(values.profile, values.user, [...builtIn, ...(await readKeys(values.trust))], log)
        : {
            profiles: new ProfileService({
              dataDir,
              trustedKeys: builtIn,
              readPolicy: () => readOsPolicy({ platform: process.platform }),
              log: log.child('profiles'),
            }),
            reportFile: join(dataDir, LAST_SELF_TEST_FILE),
            cleanup: async () => undefined,
          };
    const selfTest = new SelfTestService({
      log: log.child('help'),
      // The passwords of the profile's organisation, as the app keeps them (and moves earlier ones there, as it would).
      credentials: new CredentialService(
        new OrganisationSecrets({ keychain: store, profiles: setup.profiles, dataDir, log: log.child('credentials') }),
        log.child('credentials'),
      ),
      profiles: setup.profiles,
      dataDir,
      ...(setup.reportFile ? { reportFile: setup.reportFile } : {}),
      userAgent: `Scrivania/${packageJson.version}`,
    });
    const report = await selfTest.run();
    const messages = messagesFor(values.lang ?? terminalLocale());
    io.out(values.json ? `${JSON.stringify(report, null, 2)}\n` : describeReport(report, messages, values.verbose));
    return report.outcome === 'fail' ? EXIT.failed : EXIT.ok;
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`scrivania doctor: ${error.message}\n`);
      return EXIT.usage;
    }
    throw error;
  } finally {
    // Not awaited: a keychain call stuck in native code never ends, and the report is already out.
    void store.dispose();
    await setup?.cleanup();
  }
};
