import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { DEFAULT_RDP_PORT, formatFingerprint, isHostText, readOfficePcConfig } from '../../common/office-pc/office-pc-config';
import { checkRdp, type RdpCheckReport, type SecurityProtocol } from '../services/office-pc/rdp-check';
import { EXIT, processOutput, runCommandGroup, type CliOutput } from './command-group';
import { UsageError } from './usage';

export const rdpUsage = `Usage: scrivania rdp check (--profile SIGNED.json [--user KEY=VALUE]... | --host HOST [--port N]) [--json] [--timeout SECONDS]

  Checks an office PC the way Scrivania reaches it: TCP reachability of its RDP port, which security protocols
  it accepts in X.224 negotiation (NLA, TLS, standard RDP), and its certificate's subject, expiry and SHA-256.
  --profile reads the office PC from a configuration profile; --user fills its \${user.KEY} values.

Exit status: 0 reachable, 1 not reachable (or the profile names no office PC), 2 wrong usage.
`;

export type RdpCliIo = CliOutput;

class FailedError extends Error {}

const USER_VALUE = /^([A-Za-z][A-Za-z0-9_]*)=(.*)$/;
const USER_REFERENCE = /\$\{user\.([A-Za-z][A-Za-z0-9_]*)\}/g;

const parsePort = (text: string | undefined): number => {
  if (text === undefined) return DEFAULT_RDP_PORT;
  const port = Number(text);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new UsageError(`--port must be a number from 1 to 65535, not "${text}"`);
  return port;
};

const parseTimeout = (text: string | undefined): number => {
  if (text === undefined) return 5_000;
  const seconds = Number(text);
  if (!Number.isFinite(seconds) || seconds <= 0 || seconds > 120)
    throw new UsageError(`--timeout must be a number of seconds from 1 to 120, not "${text}"`);
  return seconds * 1_000;
};

/** The office PC of a profile file (signed envelope or bare profile), with `${user.KEY}` filled from --user. */
const officePcFromProfile = async (file: string, userValues: string[]): Promise<{ host: string; port: number }> => {
  const values = new Map<string, string>();
  for (const entry of userValues) {
    const match = USER_VALUE.exec(entry);
    if (!match) throw new UsageError(`--user takes KEY=VALUE, not "${entry}"`);
    values.set(match[1] as string, match[2] as string);
  }
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new FailedError(`cannot read the profile ${file}: ${(error as Error).message}`);
  }
  const profile = typeof json === 'object' && json !== null && 'profile' in json ? (json as { profile: unknown }).profile : json;
  const section = typeof profile === 'object' && profile !== null ? (profile as Record<string, unknown>)['officePc'] : undefined;
  const filled = JSON.parse(
    JSON.stringify(section ?? {}).replace(USER_REFERENCE, (reference, key: string) => values.get(key) ?? reference),
  ) as unknown;
  const read = readOfficePcConfig(filled);
  if (read.ok) return { host: read.config.host, port: read.config.port };
  if (read.reason === 'needs-details') {
    const missing = [...JSON.stringify(filled).matchAll(USER_REFERENCE)].map((match) => match[1]);
    throw new UsageError(`the profile's office PC uses \${user.${missing[0] ?? '…'}}: pass --user ${missing[0] ?? 'KEY'}=VALUE`);
  }
  if (read.reason === 'invalid') throw new FailedError(`the profile's office PC settings are invalid: ${read.detail ?? ''}`);
  throw new FailedError(`${file} names no office PC (officePc.host)`);
};

const protocolLabels: Record<SecurityProtocol, string> = { nla: 'NLA (CredSSP)', tls: 'TLS', rdp: 'standard RDP security' };

export const formatReport = (report: RdpCheckReport): string => {
  const lines = [`Office PC ${report.host}:${report.port}`];
  if (!report.reachable) return `${[...lines, `  reachable: no — ${report.error ?? 'no answer'}`].join('\n')}\n`;
  lines.push(`  reachable: yes (TCP handshake ${report.connectMs ?? 0} ms)`, '  security protocols:');
  for (const key of ['nla', 'tls', 'rdp'] as const) {
    const answer = report.protocols?.[key];
    if (!answer) continue;
    lines.push(`    ${protocolLabels[key]}: ${answer.accepted ? 'accepted' : `refused${answer.detail ? ` — ${answer.detail}` : ''}`}`);
  }
  const certificate = report.certificate;
  if (!certificate) lines.push('  certificate: none seen (no TLS-based protocol accepted)');
  else {
    const expiry =
      certificate.expiresInDays < 0 ? `EXPIRED ${-certificate.expiresInDays} days ago` : `expires in ${certificate.expiresInDays} days`;
    lines.push(
      '  certificate:',
      `    subject: ${certificate.subject}`,
      `    issuer: ${certificate.issuer}`,
      `    valid: ${certificate.validFrom} to ${certificate.validTo} (${expiry})`,
      `    SHA-256: ${formatFingerprint(certificate.sha256)}`,
    );
  }
  return `${lines.join('\n')}\n`;
};

const check = async (args: string[], io: RdpCliIo): Promise<number> => {
  const { values } = parseArgs({
    args,
    options: {
      profile: { type: 'string' },
      host: { type: 'string' },
      port: { type: 'string' },
      user: { type: 'string', multiple: true, default: [] },
      json: { type: 'boolean', default: false },
      timeout: { type: 'string' },
    },
    strict: true,
  });
  if ((values.profile === undefined) === (values.host === undefined)) throw new UsageError('give either --profile or --host');
  if (values.profile !== undefined && values.port !== undefined)
    throw new UsageError('--port goes with --host; the profile names its own port');
  if (values.host !== undefined && !isHostText(values.host))
    throw new UsageError(`--host must be a host name or IP address, not "${values.host}"`);
  const target =
    values.profile !== undefined
      ? await officePcFromProfile(values.profile, values.user)
      : { host: values.host as string, port: parsePort(values.port) };
  const report = await checkRdp(target.host, target.port, { timeoutMs: parseTimeout(values.timeout) });
  io.out(values.json ? `${JSON.stringify(report, null, 2)}\n` : formatReport(report));
  return report.reachable ? EXIT.ok : EXIT.failed;
};

/** `scrivania rdp …`: the help desk's look at an office PC from the employee's machine. */
export const runRdpCommand = (args: string[], io: RdpCliIo = processOutput): Promise<number> =>
  runCommandGroup({ name: 'rdp', usage: rdpUsage, subcommands: { check }, failure: FailedError }, args, io);
