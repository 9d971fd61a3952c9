import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { zip, type Zippable } from 'fflate';
import { DiagnosticsBundleName, type DiagnosticsBundleInfo, type SelfTestReport } from '../../../../common/contract/help';
import { listLogFiles, type LogFile } from '../../logging/log-files';
import { redactText, redactValue } from '../../logging/redaction';
import type { EffectiveConfiguration } from '../../profiles/effective-config';
import type { Profiles } from '../../provisions';
import { Refusal } from '../../refusal';
import { writeFileAtomic } from '../../storage/atomic-file';
import { profileEntry, readmeText, selfTestEntry, versionsEntry, type BundleAppInfo } from './bundle-contents';
import { redactedConfiguration } from './redacted-configuration';
import { oneLineMessageOf } from '../../../../common/error-message';

/** Compressed logs are a tenth of this or less, which keeps a bundle well below the usual mail attachment limit. */
export const MAX_BUNDLED_LOG_BYTES = 16 * 1024 * 1024;

export interface DiagnosticsPorts {
  /** The folder the logger writes to. */
  logDir: string;
  /** Where bundles are written. */
  outDir: string;
  info: () => BundleAppInfo;
  profiles: Pick<Profiles, 'active' | 'effective' | 'state'>;
  lastSelfTest: () => SelfTestReport | null;
  clock: () => Date;
  /** What the running app reports now (each capability's status, the VPN's probes, updates); absent in the CLI. */
  liveStatus?: () => Record<string, unknown>;
  /** Shows a file in the OS file manager; only the Electron host can. */
  showItemInFolder?: (path: string) => void;
  maxLogBytes?: number;
}

const pad = (value: number): string => String(value).padStart(2, '0');

/** `scrivania-diagnostics-20261201-172300Z.zip`: sortable, and safe on every file system. */
export const bundleFileName = (at: Date): string =>
  `scrivania-diagnostics-${at.getUTCFullYear()}${pad(at.getUTCMonth() + 1)}${pad(at.getUTCDate())}-${pad(at.getUTCHours())}${pad(at.getUTCMinutes())}${pad(at.getUTCSeconds())}Z.zip`;

const json = (value: unknown): Uint8Array => new TextEncoder().encode(`${JSON.stringify(value, null, 2)}\n`);

const zipped = (entries: Zippable): Promise<Uint8Array> =>
  new Promise((resolve, reject) => zip(entries, { level: 6 }, (error, data) => (error ? reject(error) : resolve(data))));

/** Newest first, as many whole files as fit the cap; the current file always goes in. */
const logsWithin = (files: LogFile[], cap: number): { kept: LogFile[]; omitted: LogFile[] } => {
  let total = 0;
  const kept: LogFile[] = [];
  const omitted: LogFile[] = [];
  for (const file of files) {
    if (kept.length > 0 && total + file.bytes > cap) omitted.push(file);
    else {
      kept.push(file);
      total += file.bytes;
    }
  }
  return { kept, omitted };
};

/** The log again through the redaction, for secrets this process learned after the lines were written. */
const readLog = async (file: LogFile): Promise<Uint8Array> => new TextEncoder().encode(redactText(await readFile(file.path, 'utf8')));

/** The zip a help desk asks for: logs, self-test, versions, profile and the configuration without its secrets. */
export class DiagnosticsBundler {
  private effective: EffectiveConfiguration | undefined;

  constructor(private readonly ports: DiagnosticsPorts) {}

  configure(effective: EffectiveConfiguration): void {
    this.effective = effective;
  }

  /** The zip's bytes and its entries, newest logs first. */
  async build(createdAt: string): Promise<{ data: Uint8Array; entries: string[] }> {
    const { kept, omitted } = logsWithin(await listLogFiles(this.ports.logDir), this.ports.maxLogBytes ?? MAX_BUNDLED_LOG_BYTES);
    const logs: Record<string, Uint8Array> = {};
    for (const file of kept) logs[`logs/${file.name}`] = await readLog(file);
    const documents: Zippable = {
      'README.txt': new TextEncoder().encode(
        readmeText({ createdAt, logs: kept.map((file) => file.name), omittedLogs: omitted.map((file) => file.name) }),
      ),
      'versions.json': json(versionsEntry(this.ports.info())),
      'self-test.json': json(selfTestEntry(this.ports.lastSelfTest())),
      'profile.json': json(profileEntry(this.ports.profiles.active())),
      'status.json': json(redactValue(this.ports.liveStatus?.() ?? { note: 'Made without a running Scrivania: no live status.' })),
      'configuration.json': json(
        redactedConfiguration(
          this.effective ?? this.ports.profiles.effective(),
          this.ports.profiles.state().problems.map((problem) => problem.detail),
        ),
      ),
    };
    return {
      data: await zipped({ ...documents, ...logs }),
      entries: [...Object.keys(documents), ...Object.keys(logs)],
    };
  }

  /** Writes a new bundle into the diagnostics folder, atomically. */
  async create(): Promise<DiagnosticsBundleInfo> {
    const at = this.ports.clock();
    const createdAt = at.toISOString();
    const fileName = bundleFileName(at);
    const path = join(this.ports.outDir, fileName);
    const { data, entries } = await this.build(createdAt);
    try {
      await writeFileAtomic(path, data);
    } catch (error) {
      throw Refusal.because(
        'help.bundle-not-written',
        `the diagnostics bundle could not be written to ${this.ports.outDir}: ${oneLineMessageOf(error)}`,
      );
    }
    return { path, fileName, bytes: data.byteLength, entries, createdAt };
  }

  /** A bundle written here before, by name only: no other file can be asked for. */
  async read(fileName: string): Promise<Uint8Array> {
    const path = this.pathOf(fileName);
    try {
      return new Uint8Array(await readFile(path));
    } catch (error) {
      throw this.missing(fileName, error);
    }
  }

  /** false where the host has no file manager to show it in (the web host). */
  async reveal(fileName: string): Promise<boolean> {
    const path = this.pathOf(fileName);
    if (!this.ports.showItemInFolder) return false;
    await stat(path).catch((error: unknown) => {
      throw this.missing(fileName, error);
    });
    this.ports.showItemInFolder(path);
    return true;
  }

  private missing(fileName: string, error: unknown): Refusal {
    const why = (error as NodeJS.ErrnoException).code === 'ENOENT' ? `it is not in ${this.ports.outDir}` : oneLineMessageOf(error);
    return Refusal.because('help.bundle-missing', `no diagnostics bundle ${fileName}: ${why}`);
  }

  private pathOf(fileName: string): string {
    const parsed = DiagnosticsBundleName.safeParse(fileName);
    if (!parsed.success) throw Refusal.because('help.bundle-name', `"${fileName}" is not the name of a diagnostics bundle`);
    return join(this.ports.outDir, parsed.data);
  }
}
