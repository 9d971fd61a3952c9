import type { CalendarSource } from '../../../../common/meetings/meetings-config';
import { join } from 'node:path';
import { SelfTestReport, type AudioDeviceFindings, type SelfTestProgress } from '../../../../common/contract/help';
import { Emitter } from '../../../../common/emitter';
import type { Logger } from '../../logging/logger';
import type { Profiles, Secrets } from '../../provisions';
import { formatSchemaError } from '../../../../common/profiles/profile-schema';
import { readStoredJson, removeStaleTempFiles, writeFileAtomic } from '../../storage/atomic-file';
import type { SelfTestCheckDefinition } from './check';
import { defaultChecks } from './default-checks';
import { runChecks } from './run-checks';
import { oneLineMessageOf } from '../../../../common/error-message';

export const LAST_SELF_TEST_FILE = join('help', 'last-self-test.json');

export interface SelfTestPorts {
  log: Logger;
  credentials: Secrets;
  profiles: Profiles;
  /** Where the office PC's trusted certificates are kept. */
  dataDir: string;
  /** Where the last report is kept; not kept when absent (a CLI run against a profile file). */
  reportFile?: string;
  userAgent: string;
  /** The calendars the meetings service reads, the employee's own included; without it (the CLI), the profile's. */
  calendars?: () => readonly CalendarSource[];
  now?: () => Date;
  /** The checks in order, each with its time limit; the default ones unless a test gives its own. */
  checks?: readonly SelfTestCheckDefinition[];
}

const OVERALL_TIMEOUT_MS = 90_000;

/** "Check my setup": every check in order, each with its own timeout; the last report survives a restart. */
export class SelfTestService extends Emitter<{ report: SelfTestReport; progress: SelfTestProgress }> {
  private latest: SelfTestReport | null = null;
  private loaded: Promise<void> | undefined;
  private running: Promise<SelfTestReport> | undefined;
  private readonly now: () => Date;
  private readonly checks: readonly SelfTestCheckDefinition[];

  constructor(private readonly ports: SelfTestPorts) {
    super();
    this.now = ports.now ?? (() => new Date());
    this.checks = ports.checks ?? defaultChecks(ports.userAgent);
  }

  /** Reads the last report kept on disk; a corrupt one is ignored with a warning. Runs once. */
  load(): Promise<void> {
    this.loaded ??= this.readStored();
    return this.loaded;
  }

  last(): SelfTestReport | null {
    return this.latest;
  }

  /** One run at a time: asking again while one runs answers with that run's report. */
  run(audio?: AudioDeviceFindings): Promise<SelfTestReport> {
    this.running ??= this.runOnce(audio).finally(() => (this.running = undefined));
    return this.running;
  }

  private async runOnce(audio: AudioDeviceFindings | undefined): Promise<SelfTestReport> {
    await Promise.all([this.load(), this.ports.profiles.load()]);
    const { profiles, log } = this.ports;
    const shared = {
      effective: profiles.effective(),
      profile: profiles.active(),
      profilesState: profiles.state(),
      credentials: this.ports.credentials,
      dataDir: this.ports.dataDir,
      log,
      now: this.now,
      ...(audio ? { audio } : {}),
      ...(this.ports.calendars ? { calendars: this.ports.calendars() } : {}),
    };
    let done = 0;
    const report = await runChecks(this.checks, shared, {
      now: this.now,
      overallTimeoutMs: OVERALL_TIMEOUT_MS,
      onCheck: (check) => this.emit('progress', { check, done: ++done, total: this.checks.length }),
    });
    log.info('self-test finished', {
      outcome: report.outcome,
      checks: Object.fromEntries(report.checks.map((check) => [check.id, check.outcome])),
    });
    this.latest = report;
    await this.keep(report);
    this.emit('report', report);
    return report;
  }

  private async readStored(): Promise<void> {
    const file = this.ports.reportFile;
    if (!file) return;
    await removeStaleTempFiles(file);
    const stored = await readStoredJson(file);
    if (stored.status === 'corrupt') return this.ports.log.warn('last self-test ignored', { reason: stored.reason });
    if (stored.status === 'absent') return;
    const parsed = SelfTestReport.safeParse(stored.value);
    if (!parsed.success)
      return this.ports.log.warn('last self-test ignored', { reason: formatSchemaError(parsed.error, 'last-self-test') });
    // A run that finished while the file was being read is newer.
    this.latest ??= parsed.data;
    this.emit('report', this.latest);
  }

  private async keep(report: SelfTestReport): Promise<void> {
    if (!this.ports.reportFile) return;
    try {
      await writeFileAtomic(this.ports.reportFile, `${JSON.stringify(report, null, 2)}\n`);
    } catch (error) {
      this.ports.log.warn('could not keep the self-test report', { reason: oneLineMessageOf(error) });
    }
  }
}
