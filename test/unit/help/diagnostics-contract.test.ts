import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { ServerMessage } from '../../../common/contract';
import type { DiagnosticsBundleInfo } from '../../../common/contract/help';
import { ContractSession } from '../../../main/host/core/session';
import { startHostOnFake } from '../../support/electron-host-harness';
import { createFakeElectron } from '../../support/fake-electron';
import { memoryLog } from '../../support/memory-log';
import { testBackend } from '../../support/test-backend';

const connect = () => {
  const { log } = memoryLog();
  const backend = testBackend('web', log);
  const sent: ServerMessage[] = [];
  const session = new ContractSession(backend.parts, { description: 'test peer', send: (message) => sent.push(message) }, 'web');
  return { backend, session, sent };
};

const responseTo = (sent: ServerMessage[], id: number) => sent.find((message) => message.t === 'response' && message.id === id);

describe('the diagnostics bundle over the contract', () => {
  it('creates a bundle and streams its bytes to the web host window, then closes', async () => {
    const { backend, session, sent } = connect();
    await session.receive({ t: 'request', id: 1, key: 'help.diagnostics.create', payload: {} });
    const created = responseTo(sent, 1);
    expect(created).toMatchObject({
      ok: true,
      value: { entries: expect.arrayContaining(['README.txt', 'versions.json', 'profile.json', 'configuration.json', 'self-test.json']) },
    });
    const info = (created as { value: DiagnosticsBundleInfo }).value;

    await session.receive({ t: 'stream.open', id: 2, key: 'help.diagnostics.download', params: { fileName: info.fileName } });
    await expect.poll(() => sent.some((message) => message.t === 'stream.close' && message.id === 2)).toBe(true);
    const streamed = sent
      .filter((message) => message.t === 'stream.data' && message.id === 2)
      .map((message) => (message as { data: Uint8Array }).data);
    expect(sent.findIndex((message) => message.t === 'response' && message.id === 2)).toBeLessThan(
      sent.findIndex((message) => message.t === 'stream.data'),
    );
    const bytes = Buffer.concat(streamed);
    expect(bytes.equals(readFileSync(info.path))).toBe(true);
    const entries = unzipSync(new Uint8Array(bytes));
    expect(Object.keys(entries)).toContain('versions.json');
    // The running app's status: every card's level and summary, and the VPN's and updates' state.
    const status = JSON.parse(Buffer.from(entries['status.json'] ?? []).toString('utf8')) as {
      app: { capabilities: Record<string, unknown> };
      vpn: { state: string };
      updates: { phase: string };
    };
    expect(Object.keys(status.app.capabilities).sort()).toEqual(['meetings', 'officePc', 'phone', 'vpn']);
    expect(status.vpn.state).toBe('unknown');
    expect(status.updates.phase).toBe('unconfigured');

    await session.receive({ t: 'request', id: 3, key: 'help.diagnostics.reveal', payload: { fileName: info.fileName } });
    expect(responseTo(sent, 3)).toEqual({ t: 'response', id: 3, ok: true, value: { shown: false } });
    backend.dispose();
  });

  it('refuses any other file, by its schema before any handler runs', async () => {
    const { backend, session, sent } = connect();
    await session.receive({ t: 'stream.open', id: 4, key: 'help.diagnostics.download', params: { fileName: '../profiles/profile.json' } });
    expect(responseTo(sent, 4)).toMatchObject({
      ok: false,
      error: { code: 'bad-request', path: 'fileName', message: expect.stringContaining('expected the file name of a diagnostics bundle') },
    });
    await session.receive({
      t: 'stream.open',
      id: 5,
      key: 'help.diagnostics.download',
      params: { fileName: 'scrivania-diagnostics-20200101-000000Z.zip' },
    });
    expect(responseTo(sent, 5)).toMatchObject({
      ok: false,
      error: {
        code: 'failed',
        message: expect.stringMatching(
          /^help\.diagnostics\.download: no diagnostics bundle scrivania-diagnostics-20200101-000000Z\.zip: it is not in \S+diagnostics$/,
        ),
      },
    });
    backend.dispose();
  });

  it('shows the bundle in its folder in the Electron host', async () => {
    const rendererDir = mkdtempSync(join(tmpdir(), 'scrivania-renderer-'));
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Scrivania</title>');
    const fake = createFakeElectron({ userData: mkdtempSync(join(tmpdir(), 'scrivania-user-data-')) });
    const shown: string[] = [];
    Object.assign(fake.electron.shell, { showItemInFolder: (path: string) => shown.push(path) });
    const logDir = mkdtempSync(join(tmpdir(), 'scrivania-electron-logs-'));
    writeFileSync(join(logDir, 'scrivania.log'), '{"message":"from the Electron log folder"}\n');
    const host = await startHostOnFake(fake, {
      rendererDir,
      preloadPath: '/app/preload.cjs',
      log: memoryLog().log,
      logDir,
      trustedKeys: [],
      argv: [],
    });
    const context = { host: 'electron' as const, peer: 'test' };
    const info = await host!.backend.parts.requests['help.diagnostics.create']({}, context);
    expect(info.entries).toContain('logs/scrivania.log');
    expect(await host!.backend.parts.requests['help.diagnostics.reveal']({ fileName: info.fileName }, context)).toEqual({ shown: true });
    expect(shown).toEqual([info.path]);
    fake.app.quit();
  });
});
