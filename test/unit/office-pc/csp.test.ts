import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveRenderer } from '../../../main/host/electron/app-protocol';
import { startWebHost, type WebHost } from '../../../main/host/web/web-host';
import { memoryLog } from '../../support/memory-log';
import { testBackend } from '../../support/test-backend';

const connectSources = (csp: string | null): string[] =>
  csp
    ?.split('; ')
    .find((directive) => directive.startsWith('connect-src'))
    ?.split(' ') ?? [];

describe("the renderer's CSP lets IronRDP reach the relay, in both hosts", () => {
  const rendererDir = mkdtempSync(join(tmpdir(), 'scrivania-renderer-'));
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Scrivania</title>');
  const { log } = memoryLog();
  const backend = testBackend('web', log);
  let host: WebHost;
  let relaySource: string;

  beforeAll(async () => {
    host = await startWebHost({ parts: backend.parts, rendererDir, log, connectSources: backend.connectSources });
    // The office PC service starts its relay with the backend; its port is known once it listens.
    const relayOf = (): string | undefined => backend.connectSources().find((source) => source.startsWith('ws://127.0.0.1:'));
    for (let tries = 0; relayOf() === undefined && tries < 100; tries++) await new Promise((resolve) => setTimeout(resolve, 20));
    relaySource = relayOf() ?? '';
  });
  afterAll(async () => {
    await host.close();
    await backend.dispose();
  });

  it("web host: the relay's own port only, and the data: URL IronRDP loads its wasm from", async () => {
    expect(relaySource).toMatch(/^ws:\/\/127\.0\.0\.1:\d+$/);
    const sources = connectSources((await fetch(host.url)).headers.get('content-security-policy'));
    expect(sources).toEqual(expect.arrayContaining(["'self'", relaySource, 'data:']));
    expect(sources).not.toContain('ws://127.0.0.1:*');
  });

  it('Electron app:// protocol: the same', async () => {
    const response = await serveRenderer(new Request('app://scrivania/index.html'), rendererDir, () => backend.connectSources());
    const sources = connectSources(response.headers.get('content-security-policy'));
    expect(sources).toEqual(expect.arrayContaining(["'self'", relaySource, 'data:']));
    expect(sources).not.toContain('ws://127.0.0.1:*');
  });
});
