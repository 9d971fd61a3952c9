import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { Profile, formatSchemaError, type SignedProfileEnvelope } from '../../common/profiles/profile-schema';
import { computeEffective } from '../services/profiles/effective-config';
import { lintProfile, profilePart } from '../services/profiles/profile-lint';
import { keygen, parsePublicKey, sign } from '../services/profiles/profile-signer';
import { MAX_PROFILE_BYTES, ProfileVerifier } from '../services/profiles/profile-verifier';
import { isRecord, parseJson, withoutReservedKeys } from '../services/storage/safe-json';
import { processOutput, type CliOutput } from './command-group';
import { isParseArgsError, UsageError } from './usage';
import { oneLineMessageOf } from '../../common/error-message';

/** Exit codes: 0 valid or done, 1 invalid or unreadable input, 2 wrong usage. */
const EXIT = { ok: 0, invalid: 1, usage: 2 } as const;

export const profileUsage = `Usage: scrivania profile <command> [options]

Commands:
  keygen --out DIR                                  create an Ed25519 signing key pair in DIR
  sign --key KEY --in PROFILE.json --out SIGNED.json  sign a profile with the private key KEY
  verify --trust PUB [--trust PUB2] SIGNED.json     check a signed profile against trusted public keys
  lint PROFILE.json                                 report schema errors and warnings
  show SIGNED.json [--trust PUB]                    print the effective configuration as JSON

Exit status: 0 valid, 1 invalid or unreadable, 2 wrong usage.
`;

/** A file or its content is wrong: exit 1 with this one line. */
class InvalidInput extends Error {}

const parse = <O extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: O, positionals: number) => {
  const parsed = parseArgs({ args, options, allowPositionals: positionals > 0, strict: true });
  if (parsed.positionals.length !== positionals) {
    throw new UsageError(
      positionals === 1 ? `expected one file, got ${parsed.positionals.length}` : `unexpected argument "${parsed.positionals[0]}"`,
    );
  }
  return parsed;
};

const required = (value: string | undefined, flag: string): string => {
  if (value === undefined || value === '') throw new UsageError(`missing ${flag}`);
  return value;
};

const readText = async (file: string, what: string): Promise<string> => {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    throw new InvalidInput(`cannot read ${what} ${file}: ${oneLineMessageOf(error)}`);
  }
};

const readJsonFile = async (file: string): Promise<unknown> => {
  const text = await readText(file, 'file');
  if (Buffer.byteLength(text) > MAX_PROFILE_BYTES) throw new InvalidInput(`${file} is over the 1 MB profile limit`);
  const json = parseJson(text.replace(/^\uFEFF/, ''));
  if (!json.ok) throw new InvalidInput(`${file} is not JSON: ${json.reason}`);
  return json.value;
};

const readTrustedKeys = async (files: readonly string[]): Promise<string[]> =>
  Promise.all(
    files.map(async (file) => {
      const text = await readText(file, 'public key');
      const parsed = parsePublicKey(text);
      if (!parsed.ok) throw new InvalidInput(`--trust ${file}: ${parsed.reason}`);
      return text;
    }),
  );

const keygenCommand = async (args: string[], io: CliOutput): Promise<number> => {
  const { values } = parse(args, { out: { type: 'string' } }, 0);
  const dir = required(values.out, '--out DIR');
  const keys = keygen();
  const privateFile = join(dir, `profile-signing-${keys.keyId}.key.pem`);
  const publicFile = join(dir, `profile-signing-${keys.keyId}.pub.pem`);
  try {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    await writeFile(privateFile, keys.privateKeyPem, { mode: 0o600, flag: 'wx' });
    await chmod(privateFile, 0o600);
    await writeFile(publicFile, keys.publicKeyPem, { mode: 0o644, flag: 'wx' });
  } catch (error) {
    throw new InvalidInput(`cannot write the key pair in ${dir}: ${oneLineMessageOf(error)}`);
  }
  io.out(
    [
      `keyId    ${keys.keyId}`,
      `private  ${privateFile}  (keep it secret and offline: it signs profiles)`,
      `public   ${publicFile}  (for --trust and the app's trusted keys)`,
      `base64   ${keys.publicKeyBase64}  (for the OS policy's TrustedKeys)`,
      '',
    ].join('\n'),
  );
  return EXIT.ok;
};

const printLint = (io: CliOutput, errors: readonly string[], warnings: readonly string[]): void => {
  for (const line of errors) io.err(`error: ${line}\n`);
  for (const line of warnings) io.err(`warning: ${line}\n`);
};

const signCommand = async (args: string[], io: CliOutput): Promise<number> => {
  const { values } = parse(args, { key: { type: 'string' }, in: { type: 'string' }, out: { type: 'string' } }, 0);
  const keyFile = required(values.key, '--key KEY');
  const inFile = required(values.in, '--in PROFILE.json');
  const outFile = required(values.out, '--out SIGNED.json');
  const json = await readJsonFile(inFile);
  if (!isRecord(json) || profilePart(json) !== json)
    throw new InvalidInput(`${inFile} is already a signed envelope: pass the bare profile`);
  const report = lintProfile(json, new Date());
  printLint(io, report.errors, report.warnings);
  if (report.errors.length > 0) return EXIT.invalid;
  let envelope: SignedProfileEnvelope;
  try {
    envelope = sign(json, await readText(keyFile, 'private key'));
  } catch (error) {
    if (error instanceof InvalidInput) throw error;
    throw new InvalidInput(`--key ${keyFile}: ${oneLineMessageOf(error)}`);
  }
  try {
    await writeFile(outFile, `${JSON.stringify(envelope, null, 2)}\n`);
  } catch (error) {
    throw new InvalidInput(`cannot write ${outFile}: ${oneLineMessageOf(error)}`);
  }
  io.out(`signed profile ${String(json['id'])} serial ${String(json['serial'])} with key ${envelope.signature.keyId} into ${outFile}\n`);
  return EXIT.ok;
};

const verifyFile = async (file: string, trustFiles: readonly string[]) => {
  const trustedKeys = await readTrustedKeys(trustFiles);
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(file));
  } catch (error) {
    throw new InvalidInput(`cannot read file ${file}: ${oneLineMessageOf(error)}`);
  }
  return new ProfileVerifier({ trustedKeys, clock: () => new Date() }).verify(bytes);
};

const verifyCommand = async (args: string[], io: CliOutput): Promise<number> => {
  const { values, positionals } = parse(args, { trust: { type: 'string', multiple: true } }, 1);
  const trust = values.trust ?? [];
  if (trust.length === 0) throw new UsageError('missing --trust PUB');
  const result = await verifyFile(positionals[0] as string, trust);
  if (!result.ok) {
    io.err(`invalid: ${result.reason}\n`);
    return EXIT.invalid;
  }
  const { profile, keyId } = result;
  io.out(
    `valid: ${profile.organization.name} profile ${profile.id} serial ${profile.serial}, signed by key ${keyId}, expires ${profile.expiresAt}\n`,
  );
  return EXIT.ok;
};

const lintCommand = async (args: string[], io: CliOutput): Promise<number> => {
  const { positionals } = parse(args, {}, 1);
  const report = lintProfile(await readJsonFile(positionals[0] as string), new Date());
  printLint(io, report.errors, report.warnings);
  io.out(`${report.errors.length} errors, ${report.warnings.length} warnings\n`);
  return report.errors.length > 0 ? EXIT.invalid : EXIT.ok;
};

const showCommand = async (args: string[], io: CliOutput): Promise<number> => {
  const { values, positionals } = parse(args, { trust: { type: 'string', multiple: true } }, 1);
  const file = positionals[0] as string;
  const trust = values.trust ?? [];
  let profile: Profile;
  if (trust.length > 0) {
    const result = await verifyFile(file, trust);
    if (!result.ok) {
      io.err(`invalid: ${result.reason}\n`);
      return EXIT.invalid;
    }
    profile = result.profile;
  } else {
    const parsed = Profile.safeParse(withoutReservedKeys(profilePart(await readJsonFile(file))));
    if (!parsed.success) {
      io.err(`invalid: ${formatSchemaError(parsed.error, 'profile')}\n`);
      return EXIT.invalid;
    }
    io.err('warning: signature not checked; pass --trust PUB to verify it\n');
    profile = parsed.data;
  }
  io.out(`${JSON.stringify(computeEffective({ profile }), null, 2)}\n`);
  return EXIT.ok;
};

const commands: Record<string, (args: string[], io: CliOutput) => Promise<number>> = {
  keygen: keygenCommand,
  sign: signCommand,
  verify: verifyCommand,
  lint: lintCommand,
  show: showCommand,
};

/** `scrivania profile …`: the help desk's tools for keys and signed profiles. */
export const runProfileCommand = async (args: string[], io: CliOutput = processOutput): Promise<number> => {
  const [name, ...rest] = args;
  if (name === 'help' || name === '--help') {
    io.out(profileUsage);
    return EXIT.ok;
  }
  try {
    const command = name === undefined ? undefined : commands[name];
    if (!command || !Object.prototype.hasOwnProperty.call(commands, name as string))
      throw new UsageError(name === undefined ? 'missing command' : `unknown profile command "${name}"`);
    return await command(rest, io);
  } catch (error) {
    if (error instanceof UsageError || isParseArgsError(error)) {
      io.err(`scrivania profile: ${oneLineMessageOf(error)}\n${profileUsage}`);
      return EXIT.usage;
    }
    if (error instanceof InvalidInput) {
      io.err(`scrivania profile: ${error.message}\n`);
      return EXIT.invalid;
    }
    throw error;
  }
};
