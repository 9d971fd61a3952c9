import { execFile } from 'node:child_process';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { parsePointer } from '../../../common/profiles/json-pointer';
import { keyDescription } from '../../../common/profiles/key-description';
import { configSectionNames, formatSchemaError, HttpUrl, JsonPointer } from '../../../common/profiles/profile-schema';
import { parsePublicKey } from './profile-signer';
import { MAX_PROFILE_BYTES } from './profile-verifier';
import { isRecord, parseJson, withoutReservedKeys } from '../storage/safe-json';
import { oneLineMessageOf } from '../../../common/error-message';
import { LOOPBACK_ONLY_HINT, travelsInClear } from '../../../common/net/clear-text';

/**
 * What the machine's administrator imposes through the OS, above any profile: keys to trust, where to fetch the
 * profile, and forced values. A source that cannot be read or is invalid is reported in one line and ignored as a
 * whole, so a policy is applied entirely or not at all.
 */
export interface Policy {
  trustedKeys: string[];
  profileUrl?: string;
  /** JSON pointer into the configuration → the value it must have. */
  forced: Record<string, unknown>;
}

export interface PolicyReadResult {
  policy: Policy;
  /** Where the applied policy came from, for the help pane: `/etc/scrivania/policy.json`, `HKLM\…`. */
  sources: string[];
  problems: string[];
}

export interface CommandResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export type CommandRunner = (command: string, args: readonly string[]) => Promise<CommandResult>;

/** Runs a command without a shell, with a time limit; a command that cannot start rejects. */
export const execFileRunner =
  (timeoutMs = 10_000): CommandRunner =>
  (command, args) =>
    new Promise((resolve, reject) => {
      execFile(
        command,
        [...args],
        { timeout: timeoutMs, maxBuffer: 4 * MAX_PROFILE_BYTES, windowsHide: true, encoding: 'utf8' },
        (error, stdout, stderr) => {
          if (error?.killed) return reject(new Error(`${command} did not finish within ${timeoutMs / 1000} s`));
          if (error && typeof error.code === 'string') return reject(error);
          resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
        },
      );
    });

export const emptyPolicy = (): Policy => ({ trustedKeys: [], forced: {} });

const ForcedPointer = JsonPointer.refine(
  (pointer) => {
    const parsed = parsePointer(pointer);
    return parsed.ok && (configSectionNames as string[]).includes(parsed.segments[0] ?? '');
  },
  `expected a pointer into one of ${configSectionNames.join(', ')}`,
);

/** A policy as the JSON file, the registry and the plist all express it, once their names are normalized. */
export const PolicyDocument = z.looseObject({
  trustedKeys: z
    .array(z.string().refine((key) => parsePublicKey(key).ok, 'expected a PEM or base64 Ed25519 public key'))
    .optional()
    .meta(
      keyDescription({
        en: 'Ed25519 public keys (base64, or PEM) whose signed configuration profiles Scrivania applies, besides the ones built into the installer, e.g. the .pub.pem that scrivania profile keygen writes.',
        it: 'Chiavi pubbliche Ed25519 (base64 o PEM) i cui profili di configurazione firmati Scrivania applica, oltre a quelle incluse nel pacchetto di installazione, per esempio il file .pub.pem creato da scrivania profile keygen.',
      }),
    ),
  // A profile fetched in clear can be held back by anyone on the path until it expires: https, or http to loopback.
  profileUrl: HttpUrl.refine((url) => !travelsInClear(url), `expected an https:// URL (${LOOPBACK_ONLY_HINT})`)
    .optional()
    .meta(
      keyDescription({
        en: 'The https:// address Scrivania fetches its signed configuration profile from, and polls for new versions, e.g. https://scrivania.comune.example.it/profile.json (plain http:// only to this machine). It wins over an address the employee imported from.',
        it: "L'indirizzo https:// da cui Scrivania scarica il profilo di configurazione firmato e ne controlla le nuove versioni, per esempio https://scrivania.comune.example.it/profile.json (http:// semplice solo verso questo computer). Prevale su un indirizzo importato dal dipendente.",
      }),
    ),
  forced: z.record(ForcedPointer, z.unknown()).optional(),
});

/** Accepts both `trustedKeys` (JSON) and `TrustedKeys` (registry, plist) spellings at the top level. */
const camelCaseTopLevel = (document: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(document).map(([key, value]) => [key.charAt(0).toLowerCase() + key.slice(1), value]));

type SourceResult = { source: string; policy: Policy } | { source: string; problem: string } | undefined;

const toPolicy = (source: string, document: unknown): SourceResult => {
  if (!isRecord(document)) return { source, problem: `policy ${source} ignored: expected a JSON object` };
  const parsed = PolicyDocument.safeParse(camelCaseTopLevel(withoutReservedKeys(document) as Record<string, unknown>));
  if (!parsed.success) return { source, problem: `policy ${source} ignored: ${formatSchemaError(parsed.error)}` };
  const { trustedKeys = [], profileUrl, forced = {} } = parsed.data;
  return { source, policy: profileUrl === undefined ? { trustedKeys, forced } : { trustedKeys, profileUrl, forced } };
};

/** Earlier sources win: the machine's policy over the user's. */
const mergeSources = (results: SourceResult[]): PolicyReadResult => {
  const merged = emptyPolicy();
  const sources: string[] = [];
  const problems: string[] = [];
  const forced = new Map<string, unknown>();
  for (const result of results) {
    if (!result) continue;
    if ('problem' in result) {
      problems.push(result.problem);
      continue;
    }
    sources.push(result.source);
    for (const key of result.policy.trustedKeys) if (!merged.trustedKeys.includes(key)) merged.trustedKeys.push(key);
    if (merged.profileUrl === undefined && result.policy.profileUrl !== undefined) merged.profileUrl = result.policy.profileUrl;
    for (const [pointer, value] of Object.entries(result.policy.forced)) if (!forced.has(pointer)) forced.set(pointer, value);
  }
  merged.forced = Object.fromEntries(forced);
  return { policy: merged, sources, problems };
};

const isMissing = (error: unknown): boolean => isRecord(error) && (error['code'] === 'ENOENT' || error['code'] === 'ENOTDIR');

// ---------------------------------------------------------------- Linux

export const LINUX_POLICY_PATH = '/etc/scrivania/policy.json';

export const readJsonPolicyFile = async (path: string): Promise<SourceResult> => {
  try {
    const info = await stat(path);
    if (info.size > MAX_PROFILE_BYTES) return { source: path, problem: `policy ${path} ignored: over the 1 MB limit` };
    // A policy anyone can edit could make anyone's key trusted.
    if ((info.mode & 0o022) !== 0)
      return {
        source: path,
        problem: `policy ${path} ignored: writable by group or others (mode ${(info.mode & 0o777).toString(8)}); make it 644`,
      };
    const json = parseJson((await readFile(path, 'utf8')).replace(/^\uFEFF/, ''));
    if (!json.ok) return { source: path, problem: `policy ${path} ignored: not JSON: ${json.reason}` };
    return toPolicy(path, json.value);
  } catch (error) {
    if (isMissing(error)) return undefined;
    return { source: path, problem: `policy ${path} ignored: ${oneLineMessageOf(error)}` };
  }
};

// ---------------------------------------------------------------- Windows

export const WINDOWS_POLICY_KEY = 'SOFTWARE\\Policies\\Scrivania';

export interface RegistryValue {
  name: string;
  type: string;
  /** As `reg query` prints it: text, `0x…` for numbers, items joined by a literal `\0` for REG_MULTI_SZ. */
  data: string;
}

export interface RegistryKey {
  path: string;
  values: RegistryValue[];
}

const VALUE_LINE = /^ {4}(.+?) {4}(REG_[A-Z_]+)(?: {4}(.*))?$/;

/** The keys and values in the output of `reg query KEY /s`. */
export const parseRegQueryOutput = (output: string): RegistryKey[] => {
  const keys: RegistryKey[] = [];
  let current: RegistryKey | undefined;
  for (const line of output.split(/\r?\n/)) {
    if (line.trim() === '') continue;
    if (/^HKEY_[A-Z_]+(\\|$)/.test(line)) {
      current = { path: line.trim(), values: [] };
      keys.push(current);
      continue;
    }
    const match = VALUE_LINE.exec(line.replace(/\r$/, ''));
    if (!match || !current) continue;
    current.values.push({ name: match[1] as string, type: match[2] as string, data: match[3] ?? '' });
  }
  return keys;
};

/** A registry value as JSON data; undefined for types a policy cannot use (REG_BINARY, REG_NONE). */
export const registryValueData = (value: RegistryValue): unknown => {
  switch (value.type) {
    case 'REG_SZ':
    case 'REG_EXPAND_SZ':
      return value.data;
    case 'REG_MULTI_SZ':
      return value.data === '' ? [] : value.data.split('\\0').filter((item) => item !== '');
    case 'REG_DWORD':
    case 'REG_QWORD': {
      if (!/^0x[0-9a-fA-F]+$/.test(value.data)) return undefined;
      const number = BigInt(value.data);
      return number <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(number) : undefined;
    }
    default:
      return undefined;
  }
};

/**
 * The policy document in a `reg query /s` listing of `root`:
 * - `ProfileUrl` (REG_SZ) and `TrustedKeys` (REG_MULTI_SZ or REG_SZ) on the key itself, and any REG_SZ in a
 *   `TrustedKeys` subkey;
 * - a `Forced` subkey whose value names are JSON pointers: REG_SZ is a string, REG_DWORD a number, REG_MULTI_SZ a
 *   list of strings; a `ForcedJson` subkey for everything else, each REG_SZ holding JSON text (`true`, `{"a":1}`).
 */
export const registryToPolicyDocument = (
  keys: readonly RegistryKey[],
  root: string,
): { document: Record<string, unknown>; problems: string[] } => {
  const problems: string[] = [];
  const trustedKeys: string[] = [];
  const forced = new Map<string, unknown>();
  const document: Record<string, unknown> = {};
  const relative = (path: string): string | undefined => {
    const lower = path.toLowerCase();
    const base = root.toLowerCase();
    if (lower === base) return '';
    return lower.startsWith(`${base}\\`) ? lower.slice(base.length + 1) : undefined;
  };
  for (const key of keys) {
    const where = relative(key.path);
    for (const value of key.values) {
      const data = registryValueData(value);
      const name = value.name.toLowerCase();
      if (where === '' && name === 'profileurl') document['profileUrl'] = data;
      else if ((where === '' && name === 'trustedkeys') || (where === 'trustedkeys' && value.type === 'REG_SZ'))
        trustedKeys.push(...(Array.isArray(data) ? data : [data]).map(String));
      else if (where === 'forced') {
        if (data === undefined) problems.push(`${key.path}\\${value.name}: ${value.type} cannot be a forced value`);
        else forced.set(value.name, data);
      } else if (where === 'forcedjson') {
        const json = parseJson(value.data);
        if (!json.ok) problems.push(`${key.path}\\${value.name}: not JSON: ${json.reason}`);
        else forced.set(value.name, json.value);
      }
    }
  }
  if (trustedKeys.length > 0) document['trustedKeys'] = trustedKeys;
  if (forced.size > 0) document['forced'] = Object.fromEntries(forced);
  return { document, problems };
};

const readRegistryHive = async (run: CommandRunner, hive: 'HKLM' | 'HKCU'): Promise<SourceResult> => {
  const short = `${hive}\\${WINDOWS_POLICY_KEY}`;
  let result: CommandResult;
  try {
    result = await run('reg', ['query', short, '/s']);
  } catch (error) {
    return { source: short, problem: `policy ${short} ignored: reg query failed: ${oneLineMessageOf(error)}` };
  }
  // reg.exe exits 1 when the key does not exist, with a message in the system's language: no policy.
  if (result.code !== 0) return undefined;
  const long = `${hive === 'HKLM' ? 'HKEY_LOCAL_MACHINE' : 'HKEY_CURRENT_USER'}\\${WINDOWS_POLICY_KEY}`;
  const { document, problems } = registryToPolicyDocument(parseRegQueryOutput(result.stdout), long);
  if (problems.length > 0) return { source: short, problem: `policy ${short} ignored: ${problems[0]}` };
  return toPolicy(short, document);
};

// ---------------------------------------------------------------- macOS

export const MAC_MANAGED_PREFERENCES = '/Library/Managed Preferences';

const readManagedPreferences = async (run: CommandRunner, file: string): Promise<SourceResult> => {
  try {
    await stat(file);
  } catch (error) {
    if (isMissing(error)) return undefined;
    return { source: file, problem: `policy ${file} ignored: ${oneLineMessageOf(error)}` };
  }
  try {
    const result = await run('plutil', ['-convert', 'json', '-o', '-', file]);
    if (result.code !== 0)
      return {
        source: file,
        problem: `policy ${file} ignored: plutil could not convert it: ${oneLineMessageOf(result.stderr || result.stdout)}`,
      };
    const json = parseJson(result.stdout);
    if (!json.ok) return { source: file, problem: `policy ${file} ignored: plutil printed no JSON: ${json.reason}` };
    return toPolicy(file, json.value);
  } catch (error) {
    return { source: file, problem: `policy ${file} ignored: plutil failed: ${oneLineMessageOf(error)}` };
  }
};

// ---------------------------------------------------------------- all platforms

export interface PolicyPorts {
  platform: NodeJS.Platform;
  run?: CommandRunner;
  linuxPolicyPath?: string;
  macBundleId?: string;
  macManagedPreferencesDir?: string;
  /** Managed preferences for this user, below the machine's. */
  macUserName?: string;
}

export const DEFAULT_BUNDLE_ID = 'it.scrivania.app';

/** This machine's policy; never throws, every problem is a line in `problems`. */
export const readOsPolicy = async (ports: PolicyPorts): Promise<PolicyReadResult> => {
  const run = ports.run ?? execFileRunner();
  try {
    switch (ports.platform) {
      case 'win32':
        return mergeSources([await readRegistryHive(run, 'HKLM'), await readRegistryHive(run, 'HKCU')]);
      case 'darwin': {
        const dir = ports.macManagedPreferencesDir ?? MAC_MANAGED_PREFERENCES;
        const plist = `${ports.macBundleId ?? DEFAULT_BUNDLE_ID}.plist`;
        const machine = await readManagedPreferences(run, join(dir, plist));
        const user = ports.macUserName ? await readManagedPreferences(run, join(dir, ports.macUserName, plist)) : undefined;
        return mergeSources([machine, user]);
      }
      default:
        return mergeSources([await readJsonPolicyFile(ports.linuxPolicyPath ?? LINUX_POLICY_PATH)]);
    }
  } catch (error) {
    return { policy: emptyPolicy(), sources: [], problems: [`OS policy ignored: ${oneLineMessageOf(error)}`] };
  }
};
