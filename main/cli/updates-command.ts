import { tmpdir } from 'node:os';
import semver from 'semver';
import packageJson from '../../package.json';
import { UpdateChannel } from '../../common/profiles/profile-schema';
import { createLogger, jsonLinesTo } from '../services/logging/logger';
import { FeedUpdateEngine } from '../services/updates/feed-update-engine';
import { UpdateError, failureLine, type UpdateOffer } from '../services/updates/update-engine';
import { channelFileName } from '../services/updates/update-metadata';
import { readUpdatesConfig } from '../services/updates/updates-config';
import { readProfileSection } from './profile-sections';
import { EXIT, parseOptions, processOutput, runCommandGroup, type CliOutput } from './command-group';
import { UsageError } from './usage';

export const updatesUsage = `Usage: scrivania updates check (--url URL | --profile SIGNED.json) [--channel stable|beta] [--current VERSION] [--download DIR] [--json]

  --url URL              the update server's folder, holding latest.yml, beta.yml and the installers
  --profile SIGNED.json  take the server and channel from a profile's updates section
  --channel stable|beta  stable reads latest.yml, beta reads beta.yml (default: the profile's, else stable)
  --current VERSION      compare with this version instead of this Scrivania's (${packageJson.version})
  --platform win32|darwin|linux
                         read that platform's file: latest.yml, latest-mac.yml, latest-linux.yml (default: this one)
  --download DIR         download the newer installer into DIR and verify its sha512 and size
  --json                 print the result as JSON

Exit status: 0 checked (up to date or update found), 1 the check or the verification failed, 2 wrong usage.
`;

export type UpdatesCommandIo = CliOutput;

const PLATFORMS = ['win32', 'darwin', 'linux'] as const;

interface CheckTarget {
  url: string;
  channel: UpdateChannel;
}

const targetFrom = async (values: { url?: string; profile?: string; channel?: string }): Promise<CheckTarget> => {
  if ((values.url === undefined) === (values.profile === undefined)) throw new UsageError('give either --url URL or --profile SIGNED.json');
  const channel = values.channel === undefined ? undefined : UpdateChannel.safeParse(values.channel);
  if (channel && !channel.success) throw new UsageError(`--channel must be stable or beta, not "${values.channel}"`);
  if (values.url !== undefined) {
    const read = readUpdatesConfig({ url: values.url });
    if (!read.ok || read.config.url === undefined)
      throw new UsageError(`--url must be an https:// URL (or http:// to this machine), not "${values.url}"`);
    return { url: read.config.url, channel: channel?.data ?? 'stable' };
  }
  const section = await readProfileSection(values.profile as string, 'updates', new Map());
  if (!section.ok) throw new UpdateError('failed', section.reason);
  const read = readUpdatesConfig(section.section);
  if (!read.ok) throw new UpdateError('failed', `${values.profile}: ${read.reason}`);
  if (!read.config.enabled) throw new UpdateError('failed', `${values.profile}: updates are turned off (updates.enabled is false)`);
  if (read.config.url === undefined) throw new UpdateError('failed', `${values.profile}: the updates section has no url`);
  return { url: read.config.url, channel: channel?.data ?? read.config.channel };
};

const describeOffer = (offer: UpdateOffer): string =>
  `version ${offer.version} is available${offer.releaseDate ? `, released ${offer.releaseDate}` : ''}${offer.bytes !== undefined ? `, ${(offer.bytes / 1024 / 1024).toFixed(1)} MB` : ''}`;

/** `scrivania updates check`: reads the channel file the app would read, and with --download verifies the installer. */
export const runUpdatesCommand = (args: string[], io: UpdatesCommandIo = processOutput): Promise<number> =>
  runCommandGroup({ name: 'updates', usage: updatesUsage, subcommands: { check: checkCommand }, failure: UpdateError }, args, io);

const checkCommand = async (args: string[], io: UpdatesCommandIo): Promise<number> => {
  const values = parseOptions(args, {
    url: { type: 'string' },
    profile: { type: 'string' },
    channel: { type: 'string' },
    current: { type: 'string' },
    platform: { type: 'string' },
    download: { type: 'string' },
    json: { type: 'boolean', default: false },
  });
  const current = values.current ?? packageJson.version;
  if (semver.valid(current) === null) throw new UsageError(`--current must be a semantic version such as 1.4.2, not "${current}"`);
  const platform = values.platform ?? process.platform;
  if (!(PLATFORMS as readonly string[]).includes(platform))
    throw new UsageError(`--platform must be one of ${PLATFORMS.join(', ')}, not "${platform}"`);
  const target = await targetFrom(values);
  return await check(
    target,
    {
      current,
      platform: platform as NodeJS.Platform,
      json: values.json,
      ...(values.download !== undefined ? { downloadDir: values.download } : {}),
    },
    io,
  );
};

const check = async (
  target: CheckTarget,
  options: { current: string; platform: NodeJS.Platform; json: boolean; downloadDir?: string },
  io: UpdatesCommandIo,
): Promise<number> => {
  const log = createLogger(jsonLinesTo(process.stderr, process.env['SCRIVANIA_LOG_LEVEL'] === 'debug' ? 'debug' : 'warn'));
  const engine = new FeedUpdateEngine({
    // Without --download nothing is written, so no folder is made for it.
    downloadDir: options.downloadDir ?? tmpdir(),
    log,
    platform: options.platform,
    userAgent: `Scrivania/${packageJson.version}`,
  });
  const file = channelFileName(target.channel, options.platform, process.arch);
  const report: Record<string, unknown> = { server: target.url, channel: target.channel, file, currentVersion: options.current };
  try {
    const offer = await engine.check({ url: target.url, channel: target.channel, currentVersion: options.current });
    report['available'] = offer ?? null;
    if (offer && options.downloadDir !== undefined) report['downloaded'] = await engine.download(offer, () => undefined);
  } catch (error) {
    if (!options.json) throw error;
    const problem =
      error instanceof UpdateError ? { kind: error.kind, detail: error.message } : { kind: 'failed', detail: failureLine(error) };
    io.out(`${JSON.stringify({ ...report, problem })}\n`);
    return EXIT.failed;
  }
  if (options.json) {
    io.out(`${JSON.stringify(report)}\n`);
    return EXIT.ok;
  }
  const available = report['available'] as UpdateOffer | null;
  io.out(`${target.url} (${target.channel}, ${file}): ${available ? describeOffer(available) : `up to date with ${options.current}`}\n`);
  if (report['downloaded']) io.out(`downloaded and verified (sha512, size): ${String(report['downloaded'])}\n`);
  return EXIT.ok;
};
