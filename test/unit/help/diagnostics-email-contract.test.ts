import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ServerMessage } from '../../../common/contract';
import { ContractSession } from '../../../main/host/core/session';
import { startHostOnFake } from '../../support/electron-host-harness';
import { createFakeElectron } from '../../support/fake-electron';
import { memoryLog } from '../../support/memory-log';
import { testBackend } from '../../support/test-backend';
import { keygen, sampleProfile, signedBytes } from '../profiles/fixtures';
import { sessionWithoutMailProgram } from './diagnostics-email-programs';

const savedEnv = { ...process.env };
afterEach(() => {
  process.env = { ...savedEnv };
});

describe('help.diagnostics.email over the contract', () => {
  it('refuses a language or file name outside its schema before any handler runs', async () => {
    const backend = testBackend('web', memoryLog().log);
    const sent: ServerMessage[] = [];
    const session = new ContractSession(backend.parts, { description: 'test peer', send: (message) => sent.push(message) }, 'web');
    await session.receive({
      t: 'request',
      id: 1,
      key: 'help.diagnostics.email',
      payload: { fileName: 'scrivania-diagnostics-20261201-172300Z.zip', language: 'fr' },
    });
    await session.receive({ t: 'request', id: 2, key: 'help.diagnostics.email', payload: { fileName: '/etc/passwd', language: 'it' } });
    await session.receive({
      t: 'request',
      id: 3,
      key: 'help.diagnostics.email',
      payload: { fileName: 'scrivania-diagnostics-20261201-172300Z.zip', language: 'it' },
    });
    expect(sent.find((message) => message.t === 'response' && message.id === 1)).toMatchObject({
      ok: false,
      error: { code: 'bad-request', path: 'language' },
    });
    expect(sent.find((message) => message.t === 'response' && message.id === 2)).toMatchObject({
      ok: false,
      error: { code: 'bad-request', path: 'fileName', message: expect.stringContaining('expected the file name of a diagnostics bundle') },
    });
    expect(sent.find((message) => message.t === 'response' && message.id === 3)).toMatchObject({
      ok: false,
      error: { code: 'failed', message: 'help.diagnostics.email: the configuration names no help desk email address' },
    });
    backend.dispose();
  });

  it('in the Electron host, without a mail program that takes attachments, hands the mailto: to shell.openExternal and shows the file', async () => {
    Object.assign(process.env, sessionWithoutMailProgram());
    const rendererDir = mkdtempSync(join(tmpdir(), 'scrivania-renderer-'));
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Scrivania</title>');
    const fake = createFakeElectron({ userData: mkdtempSync(join(tmpdir(), 'scrivania-user-data-')) });
    const shown: string[] = [];
    Object.assign(fake.electron.shell, { showItemInFolder: (path: string) => shown.push(path) });
    const keys = keygen();
    const host = await startHostOnFake(fake, {
      rendererDir,
      preloadPath: '/app/preload.cjs',
      log: memoryLog().log,
      logDir: mkdtempSync(join(tmpdir(), 'scrivania-electron-logs-')),
      trustedKeys: [keys.publicKeyPem],
      argv: [],
    });
    expect((await host!.backend.profiles.importBytes(signedBytes(sampleProfile(), keys))).ok).toBe(true);
    const context = { host: 'electron' as const, peer: 'test' };
    const info = await host!.backend.parts.requests['help.diagnostics.create']({}, context);

    const result = await host!.backend.parts.requests['help.diagnostics.email']({ fileName: info.fileName, language: 'en' }, context);
    expect(result).toMatchObject({ via: 'mailto', opened: true, shown: true });
    const url = result.via === 'mailto' ? result.url : '';
    expect(
      url.startsWith(`mailto:helpdesk@comune.prato.example?subject=${encodeURIComponent(`Scrivania diagnostics: ${info.fileName}`)}&body=`),
    ).toBe(true);
    expect(decodeURIComponent(url)).toContain(`(on my PC it is ${info.path})`);
    expect(fake.opened).toEqual([url]);
    expect(shown).toEqual([info.path]);
    fake.app.quit();
  });
});
