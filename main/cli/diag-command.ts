import { readFile, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { SelfTestReport } from '../../common/contract/help';
import packageJson from '../../package.json';
import { defaultDataDir, readBuiltInTrustedKeys } from '../host/core/host-paths';
import { DiagnosticsBundler } from '../services/help/diagnostics/diagnostics-bundler';
import { readOsPolicy } from '../services/profiles/policy-sources';
import { ProfileService, type ProfileServicePorts } from '../services/profiles/profile-service';
import { readStoredJson, writeFileAtomic } from '../services/storage/atomic-file';
import { EXIT, processOutput, runCommandGroup, type CliOutput } from './command-group';
import { UsageError } from './usage';
import { oneLineMessageOf } from '../../common/error-message';

export const diagUsage = `Usage: scrivania diag bundle --out FILE.zip [--data-dir DIR] [--trust PUBLIC_KEY.pem]...

  Writes the diagnostics bundle the help desk asks for, from Scrivania's data folder, without a running app:
  the logs, the last self-test, the versions, the active profile's id, serial and issuer, and the effective
  configuration without its secrets. It never holds a password, token, private key or call audio.
  --data-dir DIR   the data folder (default: the OS's usual place)
  --trust KEY.pem  a profile-signing public key to trust beside the built-in ones, as for \`scrivania web\`

Exit status: 0 written, 1 could not be written, 2 wrong usage.
`;

export type DiagCliIo = CliOutput;

export interface DiagCliPorts {
  /** The OS policy, as the app reads it; tests pass their own. */
  readPolicy: NonNullable<ProfileServicePorts['readPolicy']>;
  /** Where the built app keeps trusted-keys.json. */
  distDir: string;
}

const processPorts = (): DiagCliPorts => ({
  readPolicy: () => readOsPolicy({ platform: process.platform }),
  distDir: join(dirname(fileURLToPath(import.meta.url)), '..'),
});

class FailedError extends Error {}

/** The report the app persisted after its last self-test; null when none ran or the file is unreadable. */
const readLastSelfTest = async (dataDir: string): Promise<SelfTestReport | null> => {
  const stored = await readStoredJson(join(dataDir, 'help', 'last-self-test.json'));
  if (stored.status !== 'ok') return null;
  const parsed = SelfTestReport.safeParse(stored.value);
  return parsed.success ? parsed.data : null;
};

const bundleCommand = async (args: string[], io: DiagCliIo, ports: DiagCliPorts): Promise<number> => {
  const { values } = parseArgs({
    args,
    options: { out: { type: 'string' }, 'data-dir': { type: 'string' }, trust: { type: 'string', multiple: true, default: [] } },
  });
  if (!values.out) throw new UsageError('--out FILE.zip is required');
  if (!values.out.toLowerCase().endsWith('.zip')) throw new UsageError(`--out must name a .zip file, not "${values.out}"`);
  const dataDir = values['data-dir'] ?? defaultDataDir();
  const folder = await stat(dataDir).catch(() => undefined);
  if (!folder?.isDirectory()) throw new FailedError(`there is no Scrivania data folder at ${dataDir}`);
  const extraKeys = await Promise.all(
    values.trust.map((file) =>
      readFile(file, 'utf8').catch((error: unknown) => {
        throw new FailedError(`cannot read the trusted key ${file}: ${oneLineMessageOf(error)}`);
      }),
    ),
  );
  const profiles = new ProfileService({
    dataDir,
    trustedKeys: [...(await readBuiltInTrustedKeys(ports.distDir)), ...extraKeys],
    readPolicy: ports.readPolicy,
  });
  await profiles.load();
  const lastSelfTest = await readLastSelfTest(dataDir);
  const bundler = new DiagnosticsBundler({
    logDir: join(dataDir, 'logs'),
    outDir: dirname(resolve(values.out)),
    info: () => ({ version: packageJson.version, host: 'cli', versions: { node: process.versions.node } }),
    profiles,
    lastSelfTest: () => lastSelfTest,
    clock: () => new Date(),
  });
  const { data, entries } = await bundler.build(new Date().toISOString());
  try {
    await writeFileAtomic(values.out, data);
  } catch (error) {
    throw new FailedError(`cannot write ${values.out}: ${oneLineMessageOf(error)}`);
  }
  io.out(`Wrote ${values.out} (${data.byteLength} bytes):\n${entries.map((entry) => `  ${entry}\n`).join('')}`);
  return EXIT.ok;
};

/** `scrivania diag bundle`: the diagnostics bundle from the data folder. */
export const runDiagCommand = (argv: string[], io: DiagCliIo = processOutput, ports: DiagCliPorts = processPorts()): Promise<number> =>
  runCommandGroup(
    { name: 'diag', usage: diagUsage, subcommands: { bundle: (args) => bundleCommand(args, io, ports) }, failure: FailedError },
    argv,
    io,
  );
