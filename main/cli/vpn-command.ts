import { readFile } from 'node:fs/promises';
import { reasonWithDetail } from '../../common/vpn/reason-detail';
import type { VpnState } from '../../common/contract/vpn';
import { parseVpnConfig, type VpnConfig } from '../../common/vpn/vpn-config';
import { createLogger, jsonLinesTo } from '../services/logging/logger';
import { VpnMonitor } from '../services/vpn/vpn-monitor';
import { formatMessage, messagesFor, terminalLocale, type Messages } from '../services/text/localized-text';
import { readProfileSection, userValuesFrom } from './profile-sections';
import { parseOptions, processOutput, runCommandGroup, type CliOutput } from './command-group';
import { UsageError } from './usage';

/** Exit codes: 0 connected, 1 anything else (or an unreadable configuration), 2 wrong usage. */
const EXIT = { connected: 0, notConnected: 1 } as const;

export const vpnUsage = `Usage: scrivania vpn status [--config VPN.json | --profile SIGNED.json [--user KEY=VALUE]...] [--json] [--watch]

  --config VPN.json      the profile's "vpn" section as its own JSON file
  --profile SIGNED.json  a profile's vpn section (with --user KEY=VALUE for its \${user.KEY} values)
  --json                 print the state as JSON (one object per line with --watch)
  --watch                keep probing and print every change until interrupted

Exit status: 0 connected, 1 not connected or unreadable configuration, 2 wrong usage.
`;

export interface VpnCommandIo extends CliOutput {
  /** Resolves when the user interrupts --watch (Ctrl-C). */
  interrupted(): Promise<void>;
}

const processIo: VpnCommandIo = {
  ...processOutput,
  interrupted: () => new Promise((resolve) => ['SIGINT', 'SIGTERM'].forEach((signal) => process.once(signal, () => resolve()))),
};

class InvalidConfig extends Error {}

const readConfig = async (file: string): Promise<VpnConfig> => {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new InvalidConfig(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new InvalidConfig(`${file} is not JSON: ${(error as Error).message}`);
  }
  const parsed = parseVpnConfig(json);
  if (!parsed.ok) throw new InvalidConfig(`${file}: ${parsed.reason}`);
  return parsed.config;
};

const configFromProfile = async (file: string, users: string[]): Promise<VpnConfig> => {
  const values = userValuesFrom(users);
  if (typeof values === 'string') throw new UsageError(values);
  const read = await readProfileSection(file, 'vpn', values);
  if (!read.ok) throw new InvalidConfig(read.reason);
  const parsed = parseVpnConfig(read.section);
  if (!parsed.ok) throw new InvalidConfig(`${file}: ${parsed.reason}`);
  return parsed.config;
};

const formatBytes = (bytes: number): string =>
  bytes < 1024 ? `${bytes} B` : bytes < 1024 ** 2 ? `${(bytes / 1024).toFixed(1)} KiB` : `${(bytes / 1024 ** 2).toFixed(1)} MiB`;

/** The state as a person reads it in a terminal. */
export const describeState = (state: VpnState, messages: Messages): string => {
  const text = (key: string, params?: Record<string, string | number>) => formatMessage(messages, { key, ...(params ? { params } : {}) });
  const lines = [`${text('capability.vpn.title')}: ${text(`vpn.state.${state.state}`)}`];
  for (const reason of state.reasons) lines.push(`  - ${reasonWithDetail(formatMessage(messages, reason), reason)}`);
  const { details } = state;
  const facts: [string, string | undefined][] = [
    [text('vpn.details.interface'), details.interfaceName],
    [text('vpn.details.address'), details.assignedAddress],
    [text('vpn.details.gateway'), details.gateway],
    [text('vpn.details.since'), details.connectedSince],
    [text('vpn.details.bytesIn'), details.bytesIn === undefined ? undefined : formatBytes(details.bytesIn)],
    [text('vpn.details.bytesOut'), details.bytesOut === undefined ? undefined : formatBytes(details.bytesOut)],
    [
      text('vpn.details.roundTrip', { target: details.tcpTarget ?? '' }),
      details.tcpRoundTripMs === undefined ? undefined : `${details.tcpRoundTripMs} ms`,
    ],
  ];
  for (const [label, value] of facts) if (value !== undefined) lines.push(`  ${label}: ${value}`);
  for (const probe of state.probes) {
    const mark = probe.ok ? 'ok  ' : 'FAIL';
    lines.push(`  [${mark}] ${text(`vpn.probe.${probe.kind}`)} ${probe.target}${probe.ms !== undefined ? ` (${probe.ms} ms)` : ''}`);
  }
  return `${lines.join('\n')}\n`;
};

/** Resolves with the first state of a finished round that is not still being worked out, or the latest at `deadlineMs`. */
const settledState = (monitor: VpnMonitor, deadlineMs: number): Promise<VpnState> =>
  new Promise((resolve) => {
    const done = (state: VpnState): void => {
      clearTimeout(timer);
      stop();
      resolve(state);
    };
    const timer = setTimeout(() => done(monitor.state()), deadlineMs);
    const stop = monitor.on('state', (state) => {
      if (state.checkedAt !== null && state.state !== 'unknown' && state.state !== 'connecting') done(state);
    });
  });

const exitCodeOf = (state: VpnState): number => (state.state === 'connected' ? EXIT.connected : EXIT.notConnected);

/** `scrivania vpn status`: probes once (or until interrupted with --watch) and exits 0 only when connected. */
export const runVpnCommand = (args: string[], io: VpnCommandIo = processIo): Promise<number> =>
  // An unreadable configuration exits 1, as not connected does.
  runCommandGroup({ name: 'vpn', usage: vpnUsage, subcommands: { status: statusCommand }, failure: InvalidConfig }, args, io);

const statusCommand = async (args: string[], io: VpnCommandIo): Promise<number> => {
  const values = parseOptions(args, {
    config: { type: 'string' },
    profile: { type: 'string' },
    user: { type: 'string', multiple: true, default: [] },
    json: { type: 'boolean', default: false },
    watch: { type: 'boolean', default: false },
  });
  if ((values.profile === undefined) === (values.config === undefined))
    throw new UsageError('give either --config VPN.json or --profile SIGNED.json');
  const config =
    values.profile !== undefined ? await configFromProfile(values.profile, values.user) : await readConfig(values.config as string);
  return await status(config, { json: values.json, watch: values.watch }, io);
};

const status = async (config: VpnConfig, options: { json: boolean; watch: boolean }, io: VpnCommandIo): Promise<number> => {
  const messages = messagesFor(terminalLocale());
  const log = createLogger(jsonLinesTo(process.stderr, process.env['SCRIVANIA_LOG_LEVEL'] === 'debug' ? 'debug' : 'warn'));
  const monitor = new VpnMonitor({ log });
  const print = (state: VpnState): void => io.out(options.json ? `${JSON.stringify(state)}\n` : describeState(state, messages));
  try {
    const first = settledState(monitor, config.timing.probeTimeoutMs * 3 + 2_000);
    monitor.configure(config);
    if (!options.watch) {
      const state = await first;
      print(state);
      return exitCodeOf(state);
    }
    let last = '';
    const stop = monitor.on('state', (state) => {
      const shown = JSON.stringify([state.state, state.reasons]);
      if (state.checkedAt === null || (shown === last && !options.json)) return;
      last = shown;
      if (!options.json) io.out(`${state.checkedAt} `);
      print(state);
    });
    await io.interrupted();
    stop();
    return exitCodeOf(monitor.state());
  } finally {
    monitor.dispose();
  }
};
