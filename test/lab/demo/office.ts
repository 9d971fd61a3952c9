import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { keygen, sign } from '../../../main/services/profiles/profile-signer';
import { writeFileAtomic } from '../../../main/services/storage/atomic-file';
import { CalendarServer } from '../meetings/calendar-server';
import { missingPhonePeer, startPhoneLab } from '../phone/phone-lab';
import { missingRdpPeer, startOfficePcLab } from '../rdp/office-pc-lab';
import { missingPeer, startSecretService } from '../secret-service';
import { demoCalendar, NEXT_MEETING_TITLE } from './demo-calendar';
import { startDemoElectronApp } from './demo-electron-app';
import { demoProfile, type DemoProfileParts } from './demo-profile';
import { startDemoUpdateFeed } from './demo-update-feed';
import { startDemoVpn, unavailableReason } from './demo-vpn';
import { startDemoWebHost, type DemoWebHost } from './demo-web-host';
import { chooseDemoWindow, installedElectronBinary, type DemoWindow } from './demo-window';
import { DivertedCalls } from './diverted-calls';
import type { PeerRestart } from './peer-restart';
import type { PhoneLab } from '../phone/phone-lab';
import { DEMO_USAGE, parseDemoOptions, type DemoOptions } from './options';
import { descendantsOf, isRunning } from './processes';
import type { DemoPeer, DemoPeerName, DemoStatus } from './status';

const EMPLOYEE = { login: 'mrossi', extension: '2041' };
const STOP_GRACE_MS = 3_000;

const labels: Record<DemoPeerName, string> = {
  keychain: 'keychain',
  officePc: 'office PC',
  phone: 'phone system',
  vpn: 'VPN',
  calendar: 'calendar',
  updates: 'updates',
  webHost: 'Scrivania',
};

const readyHints: Record<DemoWindow['kind'], string> = {
  electron: 'Its window is open.',
  browser: 'It opens in a Chromium app window.',
  none: 'Open that address in Chromium or Chrome.',
};

const say = (line: string): void => void process.stdout.write(`${line}\n`);
const report = (peer: DemoPeer): void => say(`  ${peer.started ? '✓' : '✗'} ${labels[peer.name].padEnd(12)} ${peer.line}`);
const firstLine = (error: unknown): string => (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
const readText = (path: string): string | undefined => {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
};
const electronBinary = (): string | undefined =>
  installedElectronBinary({ dir: resolve('node_modules', 'electron'), env: process.env, exists: existsSync, readText });
/** A throw-away password for one lab peer, known only to the peer and the keychain. */
const labPassword = (): string => `Demo-${randomBytes(12).toString('base64url')}`;

/** Everything started so far, stopped in reverse order. */
class StartedThings {
  private readonly stops: { what: string; stop(): Promise<void> | void }[] = [];

  add(what: string, stop: () => Promise<void> | void): void {
    this.stops.push({ what, stop });
  }

  async stopAll(): Promise<void> {
    for (const { what, stop } of this.stops.reverse()) {
      try {
        await stop();
      } catch (error) {
        say(`  could not stop ${what} cleanly: ${firstLine(error)}`);
      }
    }
  }
}

/** SIGTERM, then SIGKILL after the grace, for each process the demo started that is still there. */
const endLeftovers = async (processes: ReturnType<typeof descendantsOf>): Promise<void> => {
  const signal = (name: NodeJS.Signals): void => {
    for (const entry of processes.filter(isRunning)) {
      try {
        process.kill(entry.pid, name);
      } catch {
        // It ended between the check and the signal.
      }
    }
  };
  signal('SIGTERM');
  const deadline = Date.now() + STOP_GRACE_MS;
  while (processes.some(isRunning) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
  signal('SIGKILL');
};

/** The web host set the data folder up; it hands over to the Electron app, as one backend may hold the VPN's management link. */
const openElectronApp = async (
  window: Extract<DemoWindow, { kind: 'electron' }>,
  host: DemoWebHost,
  options: { dir: string; env: Record<string, string>; started: StartedThings },
): Promise<void> => {
  await host.stop();
  const app = startDemoElectronApp(window, {
    dir: options.dir,
    env: options.env,
    onExit: (why) => say(`  Scrivania (Electron) ${why}; the lab keeps running until Ctrl+C.`),
  });
  options.started.add('the Electron app', () => app.stop());
  say(`  Scrivania opens in Electron (${window.command}) on the same data folder; the web host above has stopped`);
};

/** What a program driving the office (the working-day benchmark) gets besides the status, and may ask for. */
interface OfficeHandles {
  /** Each peer's restart hooks, filled as the peers start. */
  restarts: PeerRestart[];
  /** Extra environment for the web host only (the benchmark's NODE_OPTIONS). */
  webHostEnv: Record<string, string>;
  /** The outside caller ringing on its own timer; the benchmark places its calls itself. */
  divertedCalls: boolean;
  phone?: PhoneLab;
  host?: DemoWebHost;
}

const start = async (
  options: DemoOptions,
  root: string,
  started: StartedThings,
  stopping: () => boolean,
  handles: OfficeHandles = { restarts: [], webHostEnv: {}, divertedCalls: true },
): Promise<DemoStatus | undefined> => {
  const peers: DemoPeer[] = [];
  const add = (peer: DemoPeer): void => {
    peers.push(peer);
    report(peer);
  };
  const now = new Date();
  const parts: DemoProfileParts = { now, vpn: {} };
  const passwords: { officePc?: string; phone?: string } = {};

  const keychainReason = unavailableReason(() => missingPeer('secret-service'));
  let keychainEnv: Record<string, string> | undefined;
  if (keychainReason) add({ name: 'keychain', started: false, line: `not started: ${keychainReason}` });
  else {
    try {
      const keychain = await startSecretService();
      started.add('the keychain', () => keychain.stop());
      keychainEnv = keychain.env;
      handles.restarts.push({ name: 'keychain', what: 'the keychain daemon', down: keychain.stopDaemon, up: keychain.startDaemon });
      add({
        name: 'keychain',
        started: true,
        line: `gnome-keyring's Secret Service on a private D-Bus session (${keychain.env['DBUS_SESSION_BUS_ADDRESS']})`,
      });
    } catch (error) {
      add({ name: 'keychain', started: false, line: `did not start: ${firstLine(error)}` });
    }
  }
  if (stopping()) return undefined;

  const rdpReason = unavailableReason(missingRdpPeer);
  let loopbackTarget: { name: string; port: number } | undefined;
  if (rdpReason) add({ name: 'officePc', started: false, line: `not started: ${rdpReason}` });
  else {
    try {
      passwords.officePc = labPassword();
      const lab = await startOfficePcLab({
        security: 'nla',
        username: EMPLOYEE.login,
        password: passwords.officePc,
        width: 1280,
        height: 800,
      });
      started.add('the office PC', () => lab.stop());
      handles.restarts.push({ name: 'officePc', what: 'the shadow server', down: lab.stopShadow, up: () => lab.restartShadow() });
      parts.officePc = { port: lab.port, username: lab.username, certificateSha256: await lab.certificateSha256() };
      loopbackTarget = { name: 'Office PC (RDP)', port: lab.port };
      add({
        name: 'officePc',
        started: true,
        line: `FreeRDP shadow server with NLA (user ${lab.username}) on 127.0.0.1:${lab.port}, sharing Xvfb display ${lab.display}`,
      });
    } catch (error) {
      delete passwords.officePc;
      add({ name: 'officePc', started: false, line: `did not start: ${firstLine(error)}` });
    }
  }
  if (stopping()) return undefined;

  const phoneReason = unavailableReason(missingPhonePeer);
  let calls: DivertedCalls | undefined;
  let answerGroup: DemoStatus['answerGroup'];
  if (phoneReason) add({ name: 'phone', started: false, line: `not started: ${phoneReason}` });
  else {
    try {
      passwords.phone = labPassword();
      const lab = await startPhoneLab({ employee: { user: EMPLOYEE.extension, password: passwords.phone } });
      started.add('the phone system', () => lab.stop());
      handles.phone = lab;
      handles.restarts.push(
        { name: 'kamailio', what: 'Kamailio', down: lab.stopKamailio, up: lab.restartKamailio },
        { name: 'rtpengine', what: 'rtpengine', down: lab.stopRtpengine, up: lab.restartRtpengine },
      );
      parts.phone = lab.phoneSection();
      parts.helpdeskExtension = lab.colleagueUser;
      answerGroup = lab.group;
      calls = new DivertedCalls(lab, {
        everyMs: options.callEverySeconds * 1_000,
        firstAfterMs: options.firstCallAfterSeconds * 1_000,
        say: (line) => say(`  … ${line}`),
      });
      add({
        name: 'phone',
        started: true,
        line: `Kamailio on ${lab.wsUrl} (WebSocket) and udp 127.0.0.1:${lab.udpPort} with rtpengine; extension ${EMPLOYEE.extension}; ${lab.group.name} (${lab.group.number}) diverts to it; the help desk is ${lab.colleagueUser}; caller ${lab.callerUser} rings ${lab.group.number} after ${options.firstCallAfterSeconds} s, then every ${options.callEverySeconds} s`,
      });
    } catch (error) {
      delete passwords.phone;
      add({ name: 'phone', started: false, line: `did not start: ${firstLine(error)}` });
    }
  }
  if (stopping()) return undefined;

  const vpn = await startDemoVpn({ tunnel: options.tunnel, ...(loopbackTarget ? { loopbackTarget } : {}) });
  started.add('the VPN', () => vpn.stop());
  parts.vpn = vpn.config;
  handles.restarts.push(...vpn.restarts);
  add({ name: 'vpn', started: vpn.mode === 'tunnel', line: vpn.lines.join('; ') });
  if (stopping()) return undefined;

  const calendar = await new CalendarServer().start();
  started.add('the calendar server', () => calendar.stop());
  calendar.publish(demoCalendar(now));
  const calendarPort = new URL(calendar.origin).port;
  handles.restarts.push({
    name: 'calendar',
    what: 'the calendar server',
    down: () => calendar.stop(),
    up: async () => void (await calendar.start(Number(calendarPort))),
  });
  parts.calendarUrl = calendar.url('/ufficio-anagrafe.ics');
  add({ name: 'calendar', started: true, line: `ICS on ${parts.calendarUrl}: "${NEXT_MEETING_TITLE}" starts in five minutes` });
  if (stopping()) return undefined;

  const feed = await startDemoUpdateFeed();
  started.add('the update server', () => feed.stop());
  handles.restarts.push({ name: 'updates', what: 'the update server', down: () => feed.stop(), up: feed.restart });
  parts.updatesUrl = feed.url;
  add({ name: 'updates', started: true, line: feed.line });
  if (stopping()) return undefined;

  const keys = keygen();
  const trust = join(root, `demo-signing-${keys.keyId}.pub.pem`);
  await writeFile(trust, keys.publicKeyPem);
  const signed = sign(demoProfile(parts), keys.privateKeyPem);
  const dataDir = join(root, 'scrivania-data');
  const window = chooseDemoWindow({
    open: options.open,
    electronBinary: electronBinary(),
    dataDir,
    trust,
    asRoot: process.getuid?.() === 0,
  });
  let host: DemoWebHost;
  try {
    host = await startDemoWebHost({
      dataDir,
      logDir: root,
      trust,
      open: window.kind === 'browser',
      env: { ...keychainEnv, ...handles.webHostEnv },
      say: (line) => say(`  ${line}`),
    });
  } catch (error) {
    add({ name: 'webHost', started: false, line: `did not start: ${firstLine(error)}` });
    return undefined;
  }
  started.add('Scrivania', () => host.stop());
  handles.host = host;
  await host.invoke('profiles.import', { kind: 'file', contentBase64: Buffer.from(JSON.stringify(signed)).toString('base64') });
  const saved: string[] = [];
  const unsaved: string[] = [];
  for (const [id, secret] of [
    ['office-pc', passwords.officePc],
    ['phone', passwords.phone],
  ] as const) {
    if (!secret) continue;
    const inKeychain = keychainEnv
      ? await host.invoke('credentials.save', { id, secret }).then(
          () => true,
          () => false,
        )
      : false;
    if (inKeychain) saved.push(id);
    else unsaved.push(`${id}: ${secret}`);
  }
  if (passwords.phone) await host.invoke('phone.setPreferences', { signIn: true });
  add({
    name: 'webHost',
    started: true,
    line: `web host at ${host.url} with the demo profile (signed by key ${keys.keyId})${saved.length > 0 ? `; the ${saved.join(' and ')} password${saved.length > 1 ? 's' : ''} in the keychain` : ''}`,
  });
  // Without a keychain Scrivania asks for each password: these lab peers' throw-away ones are shown once, here only.
  if (unsaved.length > 0) say(`  No keychain for the passwords; type them when Scrivania asks: ${unsaved.join(', ')}`);
  if (window.kind === 'electron') await openElectronApp(window, host, { dir: root, env: keychainEnv ?? {}, started });
  else if (window.kind === 'browser') say(`  ${window.note}`);
  if (calls && handles.divertedCalls) {
    calls.start();
    const running = calls;
    started.add('the diverted calls', () => running.stop());
  }

  return {
    state: 'ready',
    pid: process.pid,
    window: window.kind,
    ...(window.kind === 'electron' ? {} : { url: host.url }),
    peers,
    vpn: { mode: vpn.mode, ...(vpn.reason ? { reason: vpn.reason } : {}) },
    ...(answerGroup ? { answerGroup } : {}),
    processes: descendantsOf(process.pid),
    namespaces: vpn.namespaces,
    root,
  };
};

/** `npm run demo`: the whole lab on this machine and Scrivania configured for it, until Ctrl+C. */
export const runDemo = async (argv: readonly string[]): Promise<void> => {
  let options: DemoOptions | 'help';
  try {
    options = parseDemoOptions(argv);
  } catch (error) {
    process.stderr.write(`demo: ${firstLine(error)}\n`);
    process.exit(2);
  }
  if (options === 'help') return say(DEMO_USAGE);

  const root = await mkdtemp(join(tmpdir(), 'scrivania-demo-'));
  // Every peer makes its folders in the temporary directory: below the demo's own, one removal takes them all.
  process.env['TMPDIR'] = root;
  const started = new StartedThings();
  let stopping = false;
  let starting: Promise<unknown> = Promise.resolve();

  const shutdown = async (why: string, exitCode = 0): Promise<void> => {
    if (stopping) return;
    stopping = true;
    say(`\n${why}: stopping everything the demo started…`);
    await starting.catch(() => undefined);
    const processes = descendantsOf(process.pid);
    await started.stopAll();
    await endLeftovers(processes);
    await rm(root, { recursive: true, force: true });
    say('Stopped. Nothing the demo started is left.');
    process.exit(exitCode);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));

  say('Starting the Scrivania demo office…');
  const startup = start(options, root, started, () => stopping);
  starting = startup;
  let status: DemoStatus | undefined;
  try {
    status = await startup;
  } catch (error) {
    say(`The demo could not start: ${firstLine(error)}`);
    return shutdown('Failed', 1);
  }
  if (!status) {
    if (!stopping) await shutdown('Failed', 1);
    return;
  }
  if (options.jsonStatus) await writeFileAtomic(options.jsonStatus, `${JSON.stringify(status, null, 2)}\n`);
  say(`\nScrivania demo is ready${status.url ? `: ${status.url}` : ' in the Electron app.'}`);
  say(`${readyHints[status.window]} Press Ctrl+C to stop everything.`);
};

export interface DemoOffice {
  status: DemoStatus;
  host: DemoWebHost;
  phone?: PhoneLab;
  restarts: PeerRestart[];
  /** Stops everything the office started, as Ctrl+C does for `npm run demo`. */
  stop(): Promise<void>;
}

/**
 * The demo office for a program that drives it (the working-day benchmark): no window, no calls on a timer, each
 * peer's restart hooks, and `webHostEnv` for the web host alone.
 */
export const startDemoOffice = async (options: { tunnel: boolean; webHostEnv?: Record<string, string> }): Promise<DemoOffice> => {
  const root = await mkdtemp(join(tmpdir(), 'scrivania-demo-'));
  process.env['TMPDIR'] = root;
  const started = new StartedThings();
  const handles: OfficeHandles = { restarts: [], webHostEnv: options.webHostEnv ?? {}, divertedCalls: false };
  const stop = async (): Promise<void> => {
    const processes = descendantsOf(process.pid);
    await started.stopAll();
    await endLeftovers(processes);
    await rm(root, { recursive: true, force: true });
  };
  const demoOptions: DemoOptions = { open: false, tunnel: options.tunnel, callEverySeconds: 3_600, firstCallAfterSeconds: 3_600 };
  let status: DemoStatus | undefined;
  try {
    status = await start(demoOptions, root, started, () => false, handles);
  } catch (error) {
    await stop();
    throw error;
  }
  if (!status || !handles.host) {
    await stop();
    throw new Error('the demo office did not start: Scrivania itself did not');
  }
  return { status, host: handles.host, ...(handles.phone ? { phone: handles.phone } : {}), restarts: handles.restarts, stop };
};
