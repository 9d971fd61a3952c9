import { spawn, type ChildProcess } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { accessSync, createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Baresip, type BaresipAccount, type BaresipOptions } from './baresip';
import { baresipFarEnd, linphoneFarEnd, type FarEnd } from './far-end';
import { Linphone } from './linphone';
import { kamailioConfig, KAMAILIO_MODULES_DIR } from './kamailio-config';
import { freePortPair, freePorts, stopProcess, waitFor } from './processes';
import { sineWav } from './wav';
import { onPath, skipReasonOutsideCi } from '../peers';
import { tcpAttempt } from '../../support/tcp-attempt';

const PEER_BINARIES = ['kamailio', 'rtpengine', 'baresip', 'linphonec'];
const PEER_PACKAGES = 'kamailio kamailio-websocket-modules rtpengine-daemon baresip-core linphone-cli';

const exists = (file: string): boolean => {
  try {
    accessSync(file);
    return true;
  } catch {
    return false;
  }
};

/**
 * Why the phone lab cannot run, or undefined when it can. In CI a missing peer is a failure, never a skip: this
 * throws, which fails the test file with the message.
 */
export const missingPhonePeer = (): string | undefined => {
  const missing = PEER_BINARIES.filter((binary) => !onPath(binary));
  if (!exists(join(KAMAILIO_MODULES_DIR, 'websocket.so'))) missing.push('kamailio websocket module');
  if (missing.length === 0) return undefined;
  const reason = `the phone lab needs ${missing.join(', ')}: install the Debian packages ${PEER_PACKAGES} (bash test/lab/system-packages.sh)`;
  return skipReasonOutsideCi(reason);
};

export interface PhoneLabOptions {
  /** The employee's extension and SIP password, as the app will register them. */
  employee: { user: string; password: string };
}

export interface PhoneLab {
  /** The app's `phone.server`: SIP over WebSocket on 127.0.0.1. */
  wsUrl: string;
  domain: string;
  udpPort: number;
  employee: { user: string; password: string };
  /** The answer group whose calls Kamailio diverts to the employee, and its name for the profile. */
  group: { number: string; name: string };
  /** The outside caller (3001, answers by hand). */
  caller: Baresip;
  /** A second outside caller (3002), another SIP implementation: Linphone, offering Opus first. */
  linphone: Linphone;
  /** The outside callers, baresip's and Linphone's, as the tests that run against each drive them. */
  farEnds: FarEnd[];
  /** A colleague who answers at once (2042), also the PBX's feature-code announcement. */
  colleague: Baresip;
  colleagueUser: string;
  callerUser: string;
  /** What the app's profile needs for the lab, to merge into a test profile's `phone` section. */
  phoneSection(): Record<string, unknown>;
  /** Stops Kamailio (every registration is lost: it keeps them in memory) and starts it again on the same ports; only the baresip peers register again at once. */
  restartKamailio(): Promise<void>;
  /** Stops Kamailio and leaves it down until restartKamailio(). */
  stopKamailio(): Promise<void>;
  /** Stops rtpengine (every call's media relay is lost) and leaves it down until restartRtpengine(). */
  stopRtpengine(): Promise<void>;
  /** Starts rtpengine again on the same control port (stopping it first if it still runs). */
  restartRtpengine(): Promise<void>;
  kamailioLog(): Promise<string>;
  stop(): Promise<void>;
}

const GROUP = { number: '600', name: 'Polizia Municipale' };
const COLLEAGUE = '2042';
const CALLER = '3001';
const LINPHONE_CALLER = '3002';
const ANNOUNCEMENT = 'features';
const LAB_PASSWORD = 'lab-peer-pw-5150';
const RTPENGINE_PORTS: [number, number] = [42_000, 42_999];

const udpAnswers = (port: number, payload: string, timeoutMs = 500): Promise<string | undefined> =>
  new Promise((resolve) => {
    const socket = createSocket('udp4');
    const timer = setTimeout(() => {
      socket.close();
      resolve(undefined);
    }, timeoutMs);
    socket.once('message', (message) => {
      clearTimeout(timer);
      socket.close();
      resolve(message.toString());
    });
    socket.once('error', () => {
      clearTimeout(timer);
      socket.close();
      resolve(undefined);
    });
    socket.send(payload, port, '127.0.0.1');
  });

const tcpAccepts = async (port: number): Promise<true | undefined> =>
  (await tcpAttempt('127.0.0.1', port, 500)) === 'connected' ? true : undefined;

const sipOptions = (port: number): string =>
  [
    `OPTIONS sip:127.0.0.1:${port} SIP/2.0`,
    `Via: SIP/2.0/UDP 127.0.0.1:9;branch=z9hG4bK${Math.random().toString(36).slice(2)};rport`,
    'Max-Forwards: 5',
    `From: <sip:probe@127.0.0.1>;tag=${Math.random().toString(36).slice(2)}`,
    `To: <sip:127.0.0.1:${port}>`,
    `Call-ID: ${Math.random().toString(36).slice(2)}@lab`,
    'CSeq: 1 OPTIONS',
    'Content-Length: 0',
    '',
    '',
  ].join('\r\n');

const startRtpengine = async (dir: string, ngPort: number): Promise<ChildProcess> => {
  const args = [
    '--config-file=none',
    '--foreground',
    '--log-stderr',
    '--table=-1',
    '--interface=127.0.0.1',
    `--listen-ng=127.0.0.1:${ngPort}`,
    `--port-min=${RTPENGINE_PORTS[0]}`,
    `--port-max=${RTPENGINE_PORTS[1]}`,
    '--log-level=6',
    `--pidfile=${join(dir, 'rtpengine.pid')}`,
  ];
  const child = spawn('rtpengine', args, { stdio: ['ignore', 'ignore', 'pipe'] });
  child.stderr?.pipe(createWriteStream(join(dir, 'rtpengine.log')));
  // The NG protocol: a cookie, then a bencoded dictionary.
  await waitFor(
    'rtpengine',
    async () => ((await udpAnswers(ngPort, 'lab d7:command4:pinge'))?.includes('pong') ? true : undefined),
    5_000,
    () => child.exitCode === null,
  ).catch(async (error: unknown) => {
    await stopProcess(child);
    throw error;
  });
  return child;
};

const startKamailio = async (dir: string, config: string, udpPort: number, wsPort: number, generation: number): Promise<ChildProcess> => {
  const file = join(dir, 'kamailio.cfg');
  await writeFile(file, config);
  const child = spawn(
    'kamailio',
    ['-f', file, '-DD', '-E', '-m', '64', '-M', '16', '-Y', dir, '-P', join(dir, 'kamailio.pid'), '-w', dir],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  child.stderr?.pipe(createWriteStream(join(dir, 'kamailio.log'), { flags: generation === 0 ? 'w' : 'a' }));
  try {
    await waitFor(
      'kamailio WebSocket port',
      () => tcpAccepts(wsPort),
      8_000,
      () => child.exitCode === null,
    );
    await waitFor(
      'kamailio UDP port',
      async () => ((await udpAnswers(udpPort, sipOptions(udpPort)))?.startsWith('SIP/2.0 200') ? true : undefined),
      5_000,
      () => child.exitCode === null,
    );
  } catch (error) {
    await stopProcess(child);
    throw new Error(`${(error as Error).message}; see ${join(dir, 'kamailio.log')}`, { cause: error });
  }
  return child;
};

/**
 * The lab's phone system on 127.0.0.1: Kamailio (registrar, proxy, WebSocket, answer group 600 diverted to the
 * employee), rtpengine (WebRTC ↔ RTP), two baresip peers and a Linphone one. Every file lives in a temp folder that stop() removes.
 */
export const startPhoneLab = async (options: PhoneLabOptions): Promise<PhoneLab> => {
  const dir = await mkdtemp(join(tmpdir(), 'scrivania-phone-lab-'));
  const [udpPort, wsPort, ngPort, callerControl, colleagueControl, linphoneSip] = (await freePorts(6)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const callerSip = await freePortPair([udpPort, wsPort, ngPort, callerControl, colleagueControl, linphoneSip]);
  const colleagueSip = await freePortPair([
    udpPort,
    wsPort,
    ngPort,
    callerControl,
    colleagueControl,
    linphoneSip,
    callerSip,
    callerSip + 1,
  ]);
  const sourceWav = join(dir, 'voice-8k.wav');
  await writeFile(sourceWav, sineWav(180));
  const config = kamailioConfig({
    udpPort,
    wsPort,
    rtpengineNgPort: ngPort,
    subscribers: {
      [options.employee.user]: options.employee.password,
      [COLLEAGUE]: LAB_PASSWORD,
      [CALLER]: LAB_PASSWORD,
      [LINPHONE_CALLER]: LAB_PASSWORD,
      [ANNOUNCEMENT]: LAB_PASSWORD,
    },
    groups: { [GROUP.number]: options.employee.user },
    announcementUser: ANNOUNCEMENT,
    modulesDir: KAMAILIO_MODULES_DIR,
  });

  const started: { stop(): Promise<void> }[] = [];
  const stopAll = async (): Promise<void> => {
    for (const peer of started.reverse()) await peer.stop().catch(() => undefined);
    // SCRIVANIA_KEEP_LAB=1 keeps the configs and logs to look at after a failure.
    if (process.env['SCRIVANIA_KEEP_LAB'] === '1') console.log(`phone lab kept in ${dir}`);
    else await rm(dir, { recursive: true, force: true });
  };
  try {
    let rtpengine = await startRtpengine(dir, ngPort);
    started.push({ stop: () => stopProcess(rtpengine) });
    let kamailio = await startKamailio(dir, config, udpPort, wsPort, 0);
    const kamailioHandle = { stop: () => stopProcess(kamailio) };
    started.push(kamailioHandle);
    // Each baresip peer in a folder of its own, registered with this Kamailio, its microphone playing the lab's voice.
    const startBaresip = async (
      name: string,
      accounts: BaresipAccount[],
      ports: Pick<BaresipOptions, 'sipPort' | 'controlPort' | 'rtpPorts'>,
    ) => {
      const peer = await Baresip.start({ name, dir: join(dir, name), accounts, registrarPort: udpPort, ...ports, sourceWav });
      started.push(peer);
      return peer;
    };
    const caller = await startBaresip('caller', [{ user: CALLER, password: LAB_PASSWORD, answerMode: 'manual' }], {
      sipPort: callerSip,
      controlPort: callerControl,
      rtpPorts: [43_000, 43_099],
    });
    const colleague = await startBaresip(
      'colleague',
      [
        { user: COLLEAGUE, password: LAB_PASSWORD, answerMode: 'auto' },
        { user: ANNOUNCEMENT, password: LAB_PASSWORD, answerMode: 'auto' },
      ],
      { sipPort: colleagueSip, controlPort: colleagueControl, rtpPorts: [43_100, 43_199] },
    );
    const linphone = await Linphone.start({
      name: 'caller',
      dir: join(dir, 'linphone'),
      user: LINPHONE_CALLER,
      password: LAB_PASSWORD,
      registrarPort: udpPort,
      sipPort: linphoneSip,
      rtpPorts: [43_200, 43_299],
      sourceWav,
    });
    started.push(linphone);
    await Promise.all([caller.waitForRegistrations(), colleague.waitForRegistrations()]);

    let generation = 0;
    return {
      wsUrl: `ws://127.0.0.1:${wsPort}`,
      domain: '127.0.0.1',
      udpPort,
      employee: options.employee,
      group: GROUP,
      caller,
      linphone,
      farEnds: [baresipFarEnd(caller, CALLER), linphoneFarEnd(linphone)],
      colleague,
      colleagueUser: COLLEAGUE,
      callerUser: CALLER,
      phoneSection: () => ({
        server: `ws://127.0.0.1:${wsPort}`,
        domain: '127.0.0.1',
        extension: options.employee.user,
        displayName: `Ufficio ${options.employee.user}`,
        featureCodes: { dndOn: '*78', dndOff: '*79', forwardOn: '*72', forwardOff: '*73', groupLogin: '*45', groupLogout: '*46' },
        answerGroups: [GROUP],
      }),
      restartKamailio: async () => {
        await stopProcess(kamailio);
        kamailio = await startKamailio(dir, config, udpPort, wsPort, ++generation);
        // The baresip peers re-register on their own timer (10 min); the lab asks them to do it now.
        await Promise.all([caller.command('uareg', '600'), colleague.command('uareg', '600')]).catch(() => undefined);
      },
      stopKamailio: () => stopProcess(kamailio),
      stopRtpengine: () => stopProcess(rtpengine),
      restartRtpengine: async () => {
        await stopProcess(rtpengine);
        rtpengine = await startRtpengine(dir, ngPort);
      },
      kamailioLog: () => readFile(join(dir, 'kamailio.log'), 'utf8'),
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
};
