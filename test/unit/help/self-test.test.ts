import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SelfTestReport, selfTestCheckIds, type SelfTestProgress } from '../../../common/contract/help';
import { CredentialService } from '../../../main/services/credentials/credential-service';
import { KeychainSecretStore } from '../../../main/services/credentials/keychain-secret-store';
import type { SelfTestCheckDefinition } from '../../../main/services/help/self-test/check';
import { updateServerCheck } from '../../../main/services/help/self-test/checks/update-server-check';
import { runChecks, worstOutcome } from '../../../main/services/help/self-test/run-checks';
import { LAST_SELF_TEST_FILE, SelfTestService } from '../../../main/services/help/self-test/self-test-service';
import { ProfileService } from '../../../main/services/profiles/profile-service';
import { memoryLog } from '../../support/memory-log';

const NOW = new Date('2026-06-01T08:00:00Z');
let dir: string;
const stores: KeychainSecretStore[] = [];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'scrivania-self-test-'));
});
afterEach(async () => {
  stores.splice(0).forEach((store) => store.dispose());
  await rm(dir, { recursive: true, force: true });
});

const passing = (id: SelfTestCheckDefinition['id']): SelfTestCheckDefinition => ({
  id,
  timeoutMs: 1_000,
  run: async () => ({ outcome: 'pass', meaning: { key: `help.selfTest.${id}.ok.meaning` } }),
});

const shared = () => {
  const { log } = memoryLog();
  const profiles = new ProfileService({ dataDir: dir });
  const store = new KeychainSecretStore({ log, probeTimeoutMs: 300 });
  stores.push(store);
  return { log, profiles, credentials: new CredentialService(store, log) };
};

type SelfTestOptions = ConstructorParameters<typeof SelfTestService>[0];

/** A self-test service on the test's data folder with the parts it is given, as the app names itself to servers. */
const selfTestService = (
  parts: Pick<SelfTestOptions, 'log' | 'profiles' | 'credentials'>,
  options: Partial<Omit<SelfTestOptions, 'log' | 'profiles' | 'credentials'>> = {},
) => new SelfTestService({ ...parts, dataDir: dir, userAgent: 'Scrivania/test', ...options });

const contextFor = async () => {
  const { log, profiles, credentials } = shared();
  await profiles.load();
  return {
    effective: profiles.effective(),
    profile: null,
    profilesState: profiles.state(),
    credentials,
    dataDir: dir,
    log,
    now: () => NOW,
  };
};

describe('the worst-outcome rule', () => {
  it('fails when one check fails, warns when one warns, passes over skipped ones, and is skipped only when all are', () => {
    expect(worstOutcome([{ outcome: 'pass' }, { outcome: 'fail' }, { outcome: 'warn' }])).toBe('fail');
    expect(worstOutcome([{ outcome: 'pass' }, { outcome: 'warn' }, { outcome: 'skipped' }])).toBe('warn');
    expect(worstOutcome([{ outcome: 'skipped' }, { outcome: 'pass' }])).toBe('pass');
    expect(worstOutcome([{ outcome: 'skipped' }, { outcome: 'skipped' }])).toBe('skipped');
  });
});

describe('running the checks', () => {
  it('turns a check that hangs into a failure after its own timeout, aborts its signal, and goes on with the next', async () => {
    let aborted = false;
    const hangs: SelfTestCheckDefinition = {
      id: 'vpn',
      timeoutMs: 80,
      run: ({ signal }) =>
        new Promise(() => {
          signal.addEventListener('abort', () => (aborted = true));
        }),
    };
    const report = await runChecks([hangs, passing('officePc')], await contextFor(), { now: () => NOW, overallTimeoutMs: 10_000 });
    expect(report.checks.map((check) => [check.id, check.outcome])).toEqual([
      ['vpn', 'fail'],
      ['officePc', 'pass'],
    ]);
    expect(report.checks[0]).toMatchObject({
      meaning: { key: 'help.selfTest.timedOut.meaning', params: { seconds: 0.1 } },
      action: { key: 'help.selfTest.timedOut.action' },
    });
    expect(report.checks[0]?.ms).toBeGreaterThanOrEqual(70);
    expect(aborted).toBe(true);
    expect(report.outcome).toBe('fail');
  });

  it('turns a check that throws into a failure with its one-line reason', async () => {
    const throws: SelfTestCheckDefinition = {
      id: 'calendars',
      timeoutMs: 1_000,
      run: async () => {
        throw new Error('socket hang up\n  at somewhere');
      },
    };
    const [check] = (await runChecks([throws], await contextFor(), { now: () => NOW, overallTimeoutMs: 10_000 })).checks;
    expect(check).toMatchObject({
      id: 'calendars',
      outcome: 'fail',
      meaning: { key: 'help.selfTest.crashed.meaning' },
      detail: 'socket hang up at somewhere',
    });
  });

  it('gives no check more than the overall time left, and reports the ones after it as not checked', async () => {
    const slow: SelfTestCheckDefinition = { id: 'profile', timeoutMs: 5_000, run: () => new Promise(() => undefined) };
    const started = performance.now();
    const report = await runChecks([slow, passing('keychain'), passing('vpn')], await contextFor(), {
      now: () => NOW,
      overallTimeoutMs: 60,
    });
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(report.checks.map((check) => [check.id, check.outcome, check.meaning.key])).toEqual([
      ['profile', 'fail', 'help.selfTest.timedOut.meaning'],
      ['keychain', 'fail', 'help.selfTest.outOfTime.meaning'],
      ['vpn', 'fail', 'help.selfTest.outOfTime.meaning'],
    ]);
  });

  it('lets each check see the results before it', async () => {
    const seen: string[][] = [];
    const looks = (id: SelfTestCheckDefinition['id']): SelfTestCheckDefinition => ({
      id,
      timeoutMs: 1_000,
      run: async ({ earlier }) => {
        seen.push([...earlier.keys()]);
        return { outcome: 'pass', meaning: { key: 'x' } };
      },
    });
    await runChecks([looks('sipWebSocket'), looks('sipRegistration')], await contextFor(), { now: () => NOW, overallTimeoutMs: 1_000 });
    expect(seen).toEqual([[], ['sipWebSocket']]);
  });
});

describe('SelfTestService', () => {
  it('runs every check in the order of the contract; without a profile the profile fails and the sections are not configured', async () => {
    const { log, profiles, credentials } = shared();
    const service = selfTestService({ log, profiles, credentials });
    const progress: SelfTestProgress[] = [];
    service.on('progress', (step) => progress.push(step));
    const report = SelfTestReport.parse(await service.run());
    expect(report.checks.map((check) => check.id)).toEqual(selfTestCheckIds);
    expect(progress.map((step) => [step.check.id, step.done, step.total])).toEqual(
      selfTestCheckIds.map((id, index) => [id, index + 1, selfTestCheckIds.length]),
    );
    expect(report.checks[0]).toMatchObject({
      id: 'profile',
      outcome: 'fail',
      meaning: { key: 'help.selfTest.profile.none.meaning' },
      action: { key: 'help.selfTest.profile.none.action' },
    });
    const sections = report.checks.filter((check) => check.id !== 'profile' && check.id !== 'keychain');
    expect(sections.every((check) => check.outcome === 'skipped' && check.meaning.key === 'help.selfTest.notConfigured.meaning')).toBe(
      true,
    );
    expect(report.outcome).toBe('fail');
  });

  it('keeps the last report atomically in the data folder, and a new service loads it and tells its listeners', async () => {
    const { log, profiles, credentials } = shared();
    const reportFile = join(dir, LAST_SELF_TEST_FILE);
    const checks = [passing('profile'), passing('keychain')];
    const first = selfTestService({ log, profiles, credentials }, { reportFile, checks, now: () => NOW });
    expect(first.last()).toBeNull();
    const report = await first.run();
    expect(first.last()).toEqual(report);
    expect(SelfTestReport.parse(JSON.parse(await readFile(reportFile, 'utf8')))).toEqual(report);

    const second = selfTestService({ log, profiles, credentials }, { reportFile, checks });
    const told: SelfTestReport[] = [];
    second.on('report', (loaded) => told.push(loaded));
    await second.load();
    expect(second.last()).toEqual(report);
    expect(told).toEqual([report]);
  });

  it('ignores a corrupt or foreign last report with a warning, and replaces it at the next run', async () => {
    const { profiles, credentials } = shared();
    const { log, records } = memoryLog();
    const reportFile = join(dir, LAST_SELF_TEST_FILE);
    await mkdir(dirname(reportFile), { recursive: true });
    await writeFile(reportFile, JSON.stringify({ startedAt: 'yesterday', checks: 3 }));
    const service = selfTestService({ log, profiles, credentials }, { reportFile, checks: [passing('profile')] });
    await service.load();
    expect(service.last()).toBeNull();
    expect(records.find((record) => record.message === 'last self-test ignored')?.['reason']).toMatch(/^last-self-test\./);
    await service.run();
    expect(SelfTestReport.parse(JSON.parse(await readFile(reportFile, 'utf8'))).outcome).toBe('pass');
  });

  it('answers a second request during a run with that same run', async () => {
    const { log, profiles, credentials } = shared();
    let runs = 0;
    const counted: SelfTestCheckDefinition = {
      id: 'profile',
      timeoutMs: 1_000,
      run: async () => (runs++, { outcome: 'pass', meaning: { key: 'x' } }),
    };
    const service = selfTestService({ log, profiles, credentials }, { checks: [counted] });
    const [a, b] = await Promise.all([service.run(), service.run()]);
    expect(a).toBe(b);
    expect(runs).toBe(1);
  });
});

describe('the update server check', () => {
  it('fails, naming the setting, when a forced value makes the updates section invalid (the merged configuration still applies)', async () => {
    const context = await contextFor();
    const effective = {
      ...context.effective,
      config: { ...context.effective.config, updates: { url: 'http://updates.comune.test/scrivania/' } },
    };
    const verdict = await updateServerCheck('Scrivania/test').run({
      ...context,
      effective,
      timeoutMs: 1_000,
      signal: new AbortController().signal,
      earlier: new Map(),
    });
    expect(verdict).toMatchObject({
      outcome: 'fail',
      meaning: { key: 'help.selfTest.updateServer.invalid.meaning' },
      detail: 'updates.url: expected an https:// URL (plain http only to this machine, 127.0.0.1 or localhost)',
    });
  });
});
