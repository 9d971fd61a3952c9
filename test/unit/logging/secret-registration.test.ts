import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startWebHost } from '../../../main/host/web/web-host';
import { RdpRelay } from '../../../main/services/office-pc/rdp-relay';
import { PhoneService } from '../../../main/services/phone/phone-service';
import { memoryLog } from '../../support/memory-log';
import { testBackend } from '../../support/test-backend';

/** A secret logged bare, as a careless call site would: the logger must already know it. */
const loggedBare = (secret: string): string => {
  const { log, records } = memoryLog();
  log.info(`the value is ${secret}`, { value: secret, list: [secret] });
  return JSON.stringify(records);
};

describe('the places that learn a secret register it with the logger', () => {
  it("the web host's per-run token", async () => {
    const rendererDir = mkdtempSync(join(tmpdir(), 'scrivania-renderer-'));
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html>');
    const { log } = memoryLog();
    const backend = testBackend('web', log);
    const host = await startWebHost({ parts: backend.parts, rendererDir, log });
    const token = new URLSearchParams(new URL(host.url).hash.slice(1)).get('token') ?? '';
    await host.close();
    backend.dispose();
    expect(token.length).toBeGreaterThan(20);
    const logged = loggedBare(token);
    expect(logged).not.toContain(token);
    expect(logged).toContain('the value is [redacted]');
  });

  it("the office PC relay's per-session tokens", async () => {
    const relay = new RdpRelay({ log: memoryLog().log, judge: async () => ({ trusted: true }) });
    const ticket = await relay.issue('127.0.0.1', 3389);
    await relay.stop();
    expect(loggedBare(ticket.authToken)).not.toContain(ticket.authToken);
    expect(loggedBare(ticket.relayUrl)).not.toContain(ticket.authToken);
  });

  it("the phone's ICE credentials from the profile", () => {
    const credential = 'Profile-Ice-Cred-6363';
    expect(loggedBare(credential)).toContain(credential);
    const phone = new PhoneService({
      dataDir: mkdtempSync(join(tmpdir(), 'scrivania-phone-')),
      log: memoryLog().log,
      clock: () => new Date(),
    });
    phone.configure({
      server: 'wss://pbx.example:8089/ws',
      domain: 'pbx.example',
      extension: '201',
      iceServers: [{ urls: 'turn:turn.example:3478', username: 'u', credential }],
    });
    expect(loggedBare(credential)).not.toContain(credential);
  });
});
