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
  let host: WebHost;

  beforeAll(async () => {
    const { log } = memoryLog();
    host = await startWebHost({ parts: testBackend('web', log).parts, rendererDir, log });
  });
  afterAll(() => host.close());

  it('web host: the relay on any loopback port, and the data: URL IronRDP loads its wasm from', async () => {
    const response = await fetch(host.url);
    expect(connectSources(response.headers.get('content-security-policy'))).toEqual(
      expect.arrayContaining(["'self'", 'ws://127.0.0.1:*', 'data:']),
    );
  });

  it('Electron app:// protocol: the same', async () => {
    const response = await serveRenderer(new Request('app://scrivania/index.html'), rendererDir);
    expect(connectSources(response.headers.get('content-security-policy'))).toEqual(
      expect.arrayContaining(["'self'", 'ws://127.0.0.1:*', 'data:']),
    );
  });
});
