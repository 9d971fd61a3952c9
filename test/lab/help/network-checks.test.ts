import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { destinationOf } from '../../../common/office-pc/office-pc-config';
import { CredentialService } from '../../../main/services/credentials/credential-service';
import { KeychainSecretStore } from '../../../main/services/credentials/keychain-secret-store';
import { calendarsCheck } from '../../../main/services/help/self-test/checks/calendars-check';
import { intranetDnsCheck } from '../../../main/services/help/self-test/checks/intranet-dns-check';
import { officePcCheck } from '../../../main/services/help/self-test/checks/office-pc-check';
import { updateServerCheck } from '../../../main/services/help/self-test/checks/update-server-check';
import { channelFileName } from '../../../main/services/updates/update-metadata';
import { vpnCheck } from '../../../main/services/help/self-test/checks/vpn-check';
import { KnownCertificates } from '../../../main/services/office-pc/known-certificates';
import { memoryLog } from '../../support/memory-log';
import { testBackend } from '../../support/test-backend';
import { CalendarServer } from '../meetings/calendar-server';
import { freeLoopbackPort, onPath, skipReasonOutsideCi, stopChild } from '../peers';
import { missingRdpPeer, startOfficePcLab, type OfficePcLab } from '../rdp/office-pc-lab';
import { labProfile, runCheck, type LabProfile } from './self-test-lab';

/**
 * The network checks against real peers on 127.0.0.1: the VPN monitor with `lo` standing in for the tunnel (the
 * namespace lab is the VPN suite's; here the probes meet a real listener up and down), dnsmasq as the intranet DNS,
 * FreeRDP's shadow server as the office PC, the meetings lab's ICS server and an HTTP update server.
 */

const { log } = memoryLog();
// No Secret Service is needed by these checks' configurations; the real store simply finds none.
const store = new KeychainSecretStore({ log, probeTimeoutMs: 300 });
const credentials = new CredentialService(store, log);
const profiles: LabProfile[] = [];
const call = { host: 'web' as const, peer: 'test' };

const withProfile = async (sections: Record<string, unknown>): Promise<LabProfile> => {
  const made = await labProfile(sections);
  profiles.push(made);
  return made;
};
const check = async (definition: Parameters<typeof runCheck>[0], sections: Record<string, unknown>) => {
  const lab = await withProfile(sections);
  return runCheck(definition, { profiles: lab.profiles, credentials, dataDir: lab.dir });
};

afterAll(async () => {
  store.dispose();
  await Promise.all(profiles.map((made) => made.remove()));
});

const listen = (): Promise<Server> =>
  new Promise((resolve) => {
    const server = createServer((socket) => socket.end());
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
const portOf = (server: Server | HttpServer): number => (server.address() as AddressInfo).port;

const vpnMissing =
  process.platform === 'linux' && onPath('ip')
    ? undefined
    : skipReasonOutsideCi('the loopback VPN probes need Linux with iproute2 (bash test/lab/system-packages.sh)');
if (vpnMissing) console.warn(`self-test VPN lab skipped: ${vpnMissing}`);

describe.skipIf(vpnMissing !== undefined)('the VPN check with the loopback as the tunnel', () => {
  let office: Server;
  beforeAll(async () => {
    office = await listen();
  });
  afterAll(() => new Promise<void>((resolve) => office.close(() => resolve())));

  const vpn = (overrides: Record<string, unknown>, port = portOf(office)) => ({
    vpn: {
      tunnelInterfaces: ['lo'],
      corporateSubnets: ['127.0.0.0/8'],
      tcpTargets: [{ name: 'Office PC', host: '127.0.0.1', port }],
      timing: { probeTimeoutMs: 1_000 },
      ...overrides,
    },
  });

  it('passes when the tunnel, the route and the office PC answer, naming each probe', async () => {
    const result = await check(vpnCheck, vpn({}));
    expect(result).toMatchObject({
      id: 'vpn',
      outcome: 'pass',
      meaning: { key: 'help.selfTest.vpn.connected.meaning', params: { count: 4 } },
    });
    expect(result.detail).toMatch(/^tunnel lo ok; driver probe-only ok; route 127\.0\.0\.0\/8 ok; tcp Office PC \(127\.0\.0\.1:\d+\) ok$/);
  });

  it('warns when the tunnel is up but the office PC behind it does not answer', async () => {
    const result = await check(vpnCheck, vpn({}, await freeLoopbackPort()));
    expect(result).toMatchObject({ outcome: 'warn', meaning: { key: 'help.selfTest.vpn.degraded.meaning', params: { count: 1 } } });
    expect(result.detail).toMatch(/tcp Office PC \(127\.0\.0\.1:\d+\) FAIL \(.*refused/);
  });

  it('fails when there is no tunnel at all', async () => {
    const result = await check(vpnCheck, vpn({ tunnelInterfaces: ['tun-self-test*'] }));
    expect(result).toMatchObject({
      outcome: 'fail',
      meaning: { key: 'help.selfTest.vpn.disconnected.meaning' },
      action: { key: 'help.selfTest.vpn.disconnected.action' },
    });
    expect(result.detail).toContain('tunnel tun-self-test* FAIL');
  });

  it('is not part of the setup without a vpn section', async () => {
    expect(await check(vpnCheck, {})).toMatchObject({ outcome: 'skipped', meaning: { key: 'help.selfTest.notConfigured.meaning' } });
  });
});

const dnsMissing =
  process.platform === 'linux' && onPath('dnsmasq') && process.getuid?.() === 0
    ? undefined
    : skipReasonOutsideCi('the intranet DNS lab needs dnsmasq (dnsmasq-base) and root for port 53 on a loopback address');
if (dnsMissing) console.warn(`self-test DNS lab skipped: ${dnsMissing}`);

/** dnsmasq on 127.53.x.y:53 answering only for the lab's intranet name, forwarding nothing. */
const startDnsmasq = async (address: string, dir: string): Promise<ChildProcess> => {
  // Its own pid file: dnsmasq deletes the pid file when it exits.
  const child = spawn(
    'dnsmasq',
    [
      '--keep-in-foreground',
      '--conf-file=/dev/null',
      '--no-resolv',
      '--no-hosts',
      '--bind-interfaces',
      `--listen-address=${address}`,
      '--address=/intranet.lab.test/10.197.9.10',
      `--pid-file=${join(dir, 'dnsmasq.pid')}`,
      '--user=root',
      '--log-facility=-',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('dnsmasq did not start within 5 s')), 5_000);
    createInterface({ input: child.stderr as NodeJS.ReadableStream }).on('line', (line) => {
      if (!line.includes('started, version')) return;
      clearTimeout(timer);
      resolve();
    });
    child.once('exit', (code) => reject(new Error(`dnsmasq exited with code ${code}`)));
  });
  return child;
};

describe.skipIf(dnsMissing !== undefined)('the intranet DNS check against dnsmasq', () => {
  const address = `127.53.${1 + (process.pid % 200)}.${1 + Math.floor(Math.random() * 200)}`;
  let dnsmasq: ChildProcess;
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'scrivania-self-test-dns-'));
    dnsmasq = await startDnsmasq(address, dir);
  });
  afterAll(async () => {
    await stopChild(dnsmasq);
    await rm(dir, { recursive: true, force: true });
  });

  const dns = (name: string, server = address) => ({
    vpn: { tunnelInterfaces: ['lo'], intranetName: name, dnsServers: [server], timing: { probeTimeoutMs: 1_000 } },
  });

  it('passes when the intranet DNS resolves the name', async () => {
    const result = await check(intranetDnsCheck(), dns('intranet.lab.test'));
    expect(result).toMatchObject({
      id: 'intranetDns',
      outcome: 'pass',
      meaning: { key: 'help.selfTest.intranetDns.ok.meaning', params: { name: 'intranet.lab.test' } },
    });
    expect(result.detail).toContain(`intranet.lab.test resolved via ${address}`);
  });

  it('fails when the intranet DNS does not know the name', async () => {
    const result = await check(intranetDnsCheck(), dns('elsewhere.lab.test'));
    expect(result).toMatchObject({
      outcome: 'fail',
      meaning: { key: 'help.selfTest.intranetDns.failed.meaning', params: { name: 'elsewhere.lab.test' } },
    });
  });

  it('fails when no DNS server answers there', async () => {
    const result = await check(intranetDnsCheck(), dns('intranet.lab.test', '127.53.250.250'));
    expect(result.outcome).toBe('fail');
    expect(result.detail).toContain('via 127.53.250.250');
  });
});

const rdpMissing = missingRdpPeer();
if (rdpMissing) console.warn(`self-test office PC lab skipped: ${rdpMissing}`);

describe.skipIf(rdpMissing !== undefined)('the office PC check against FreeRDP shadow', () => {
  let pc: OfficePcLab;
  let sha256: string;
  beforeAll(async () => {
    pc = await startOfficePcLab({ security: 'nla' });
    sha256 = await pc.certificateSha256();
  });
  afterAll(() => pc?.stop());

  it('passes when it answers with NLA and the certificate the profile pins', async () => {
    const result = await check(officePcCheck, {
      officePc: { name: 'PC anagrafe', host: '127.0.0.1', port: pc.port, certificateSha256: sha256 },
    });
    expect(result).toMatchObject({
      id: 'officePc',
      outcome: 'pass',
      meaning: { key: 'help.selfTest.officePc.ok.meaning', params: { name: 'PC anagrafe', port: pc.port, security: 'NLA' } },
    });
    expect(result.detail).toContain(`127.0.0.1:${pc.port} answers in`);
  });

  it('fails when the certificate differs from the pinned one', async () => {
    const result = await check(officePcCheck, { officePc: { host: '127.0.0.1', port: pc.port, certificateSha256: 'ab'.repeat(32) } });
    expect(result).toMatchObject({ outcome: 'fail', meaning: { key: 'help.selfTest.officePc.pinMismatch.meaning' } });
    expect(result.detail).toContain('expected AB:AB:AB');
  });

  it('warns when the certificate differs from the one the employee trusted before', async () => {
    const lab = await withProfile({ officePc: { host: '127.0.0.1', port: pc.port } });
    await KnownCertificates.inDataDir(lab.dir).trust(destinationOf('127.0.0.1', pc.port), {
      sha256: 'cd'.repeat(32),
      subject: 'CN=old',
      trustedAt: new Date().toISOString(),
    });
    const result = await runCheck(officePcCheck, { profiles: lab.profiles, credentials, dataDir: lab.dir });
    expect(result).toMatchObject({ outcome: 'warn', meaning: { key: 'help.selfTest.officePc.certificateChanged.meaning' } });
  });

  it('fails with "does not answer on port N" when nothing listens there', async () => {
    const port = await freeLoopbackPort();
    const result = await check(officePcCheck, { officePc: { host: '127.0.0.1', port } });
    expect(result).toMatchObject({
      outcome: 'fail',
      meaning: { key: 'help.selfTest.officePc.unreachable.meaning', params: { port } },
      action: { key: 'help.selfTest.officePc.unreachable.action' },
    });
    expect(result.detail).toContain(`127.0.0.1:${port}`);
  });
});

describe('the calendars check against the meetings lab ICS server', () => {
  const ics = readFileSync(join(import.meta.dirname, '..', '..', 'fixtures', 'ics', 'outlook-exchange.ics'), 'utf8');
  const servers: CalendarServer[] = [];
  const serve = async (options: ConstructorParameters<typeof CalendarServer>[0] = {}, mode: CalendarServer['mode'] = 'serve') => {
    const server = await new CalendarServer(options).start();
    server.publish(ics);
    server.mode = mode;
    servers.push(server);
    return server;
  };
  afterAll(() => Promise.all(servers.map((server) => server.stop())));

  it('reads the calendars the employee added in the Meetings pane too, as the backend runs it', async () => {
    const server = await serve();
    const backend = testBackend('web', memoryLog().log);
    try {
      const { calendarId } = await backend.parts.requests['meetings.addCalendar']({ name: 'Mio', url: server.url() }, call);
      const report = await backend.parts.requests['help.selfTest.run']({}, call);
      const calendars = report.checks.find((each) => each.id === 'calendars');
      expect(calendars).toMatchObject({ outcome: 'pass', meaning: { params: { total: 1, failed: 0 } } });
      expect(calendars?.detail).toContain(`${calendarId} (${new URL(server.url()).host}): `);
    } finally {
      backend.dispose();
    }
  });

  it('passes when every feed is fetched and read, one detail per feed', async () => {
    const server = await serve();
    const result = await check(calendarsCheck('Scrivania/lab'), { calendars: [{ id: 'work', name: 'Lavoro', url: server.url() }] });
    expect(result).toMatchObject({
      id: 'calendars',
      outcome: 'pass',
      meaning: { key: 'help.selfTest.calendars.ok.meaning', params: { total: 1, failed: 0 } },
    });
    expect(result.detail).toMatch(/^work \(127\.0\.0\.1:\d+\): \d+ events/);
  });

  it('warns naming the feed that fails when another works: an auth failure, an error page, HTML instead of ICS', async () => {
    const good = await serve();
    const locked = await serve({ username: 'mrossi', password: 'not-sent' });
    const failing = await serve({}, 'fail');
    const html = await serve({}, 'html');
    const calendars = [
      { id: 'work', name: 'Lavoro', url: good.url() },
      { id: 'locked', name: 'Riservato', url: locked.url() },
      { id: 'down', name: 'Guasto', url: failing.url() },
      { id: 'html', name: 'Pagina', url: html.url() },
    ];
    const result = await check(calendarsCheck('Scrivania/lab'), { calendars });
    expect(result).toMatchObject({
      outcome: 'warn',
      meaning: { key: 'help.selfTest.calendars.someFailed.meaning', params: { failed: 3, total: 4 } },
    });
    expect(result.detail).toContain('locked (127.0.0.1');
    expect(result.detail).toContain('the server refused the credentials (HTTP 401)');
    expect(result.detail).toContain('the server failed (HTTP 503)');
    expect(result.detail).toContain('this is not an iCalendar file');
  });

  it('fails when no feed can be read, also when its server is down', async () => {
    const result = await check(calendarsCheck('Scrivania/lab'), {
      calendars: [{ id: 'gone', name: 'Spento', url: `http://127.0.0.1:${await freeLoopbackPort()}/c.ics` }],
    });
    expect(result).toMatchObject({ outcome: 'fail', meaning: { key: 'help.selfTest.calendars.allFailed.meaning' } });
    expect(result.detail).toContain('the connection was refused');
  });
});

describe('the update server check against a local HTTP server', () => {
  // The file this platform's updater reads: latest-linux.yml here, latest-mac.yml on a Mac, latest.yml on Windows.
  const stableFile = channelFileName('stable', process.platform, process.arch);
  let server: HttpServer;
  const seen: string[] = [];
  beforeAll(async () => {
    server = createHttpServer((request, response) => {
      seen.push(request.url ?? '');
      if (request.url === `/scrivania/${stableFile}`)
        return response
          .writeHead(200, { 'Content-Type': 'text/yaml' })
          .end(
            `version: 1.4.2\nfiles:\n  - url: Scrivania-1.4.2.AppImage\n    sha512: ${'A'.repeat(86)}==\n    size: 1024\nreleaseDate: '2026-11-30T10:00:00.000Z'\n`,
          );
      if (request.url === `/html/${stableFile}`) return response.writeHead(200, { 'Content-Type': 'text/html' }).end('<html>Portal</html>');
      response.writeHead(404).end('Not Found');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const base = () => `http://127.0.0.1:${portOf(server)}`;

  it("passes when this platform's channel file names a version", async () => {
    const result = await check(updateServerCheck('Scrivania/lab'), { updates: { url: `${base()}/scrivania/` } });
    expect(result).toMatchObject({
      id: 'updateServer',
      outcome: 'pass',
      meaning: { key: 'help.selfTest.updateServer.ok.meaning', params: { version: '1.4.2' } },
    });
    expect(seen).toContain(`/scrivania/${stableFile}`);
  });

  it('fails on an HTTP error, on an answer that is no update description, and when the server is down', async () => {
    expect(await check(updateServerCheck('Scrivania/lab'), { updates: { url: `${base()}/scrivania`, channel: 'beta' } })).toMatchObject({
      outcome: 'fail',
      meaning: { key: 'help.selfTest.updateServer.httpError.meaning', params: { status: 404 } },
    });
    expect(seen).toContain(`/scrivania/${channelFileName('beta', process.platform, process.arch)}`);
    expect(await check(updateServerCheck('Scrivania/lab'), { updates: { url: `${base()}/html/` } })).toMatchObject({
      outcome: 'fail',
      meaning: { key: 'help.selfTest.updateServer.notAFeed.meaning' },
    });
    const down = await check(updateServerCheck('Scrivania/lab'), { updates: { url: `http://127.0.0.1:${await freeLoopbackPort()}/` } });
    expect(down).toMatchObject({ outcome: 'fail', meaning: { key: 'help.selfTest.updateServer.unreachable.meaning' } });
    expect(down.detail).toContain('the connection was refused');
  });

  it('is skipped when the profile names no update server', async () => {
    expect(await check(updateServerCheck('Scrivania/lab'), {})).toMatchObject({ outcome: 'skipped' });
  });
});
