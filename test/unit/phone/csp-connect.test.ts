import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveRenderer } from '../../../main/host/electron/app-protocol';
import { startWebHost, type WebHost } from '../../../main/host/web/web-host';
import { PhoneService } from '../../../main/services/phone/phone-service';
import { memoryLog } from '../../support/memory-log';
import { testBackend } from '../../support/test-backend';

/** The connect-src sources; the office PC's loopback relay is there too and is not the phone's business. */
const connectSources = (csp: string | null): string[] =>
  (csp?.split('; ').find((directive) => directive.startsWith('connect-src')) ?? '')
    .split(' ')
    .slice(1)
    .filter((source) => source !== "'self'");
const PBX = 'wss://pbx.comune.prato.example:8089';

describe("the renderer's CSP lets it reach the profile's PBX, read at each response", () => {
  const { log } = memoryLog();
  const rendererDir = mkdtempSync(join(tmpdir(), 'scrivania-renderer-'));
  const dataDir = mkdtempSync(join(tmpdir(), 'scrivania-phone-csp-'));
  const phone = new PhoneService({ dataDir, log, clock: () => new Date() });
  let host: WebHost;

  beforeAll(async () => {
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Scrivania</title>');
    host = await startWebHost({ parts: testBackend('web', log).parts, rendererDir, log, connectSources: () => phone.connectSources() });
  });
  afterAll(async () => {
    await host.close();
    rmSync(rendererDir, { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('web host: reads the PBX origin at each page response, so a new profile applies at the next load', async () => {
    const page = async () =>
      connectSources((await fetch(host.url, { signal: AbortSignal.timeout(5_000) })).headers.get('content-security-policy'));
    const withoutPhone = await page();
    expect(withoutPhone.some((source) => source.startsWith('wss:'))).toBe(false);
    phone.configure({ server: `${PBX}/ws`, domain: 'pbx.comune.prato.example', extension: '2041' });
    expect(await page()).toEqual([...withoutPhone, PBX]);
    phone.configure({ server: 'ws://127.0.0.1:5066', domain: '127.0.0.1', extension: '2041' });
    expect(await page()).toEqual([...withoutPhone, 'ws://127.0.0.1:5066']);
  });

  it('Electron app:// protocol: the same origin list', async () => {
    const response = await serveRenderer(new Request('app://scrivania/index.html'), rendererDir, () => phone.connectSources());
    expect(connectSources(response.headers.get('content-security-policy')).at(-1)).toBe('ws://127.0.0.1:5066');
  });
});
