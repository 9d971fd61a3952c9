import { describe, expect, it } from 'vitest';
import { AppService } from '../../../main/services/app/app-service';

const service = (clock = () => new Date('2026-11-23T10:00:00Z')) =>
  new AppService({
    host: 'web',
    version: '1.2.3',
    platform: 'linux',
    arch: 'x64',
    versions: { node: '20' },
    clock,
  });

describe('AppService', () => {
  it('is unconfigured until a capability reports', () => {
    expect(service().status()).toMatchObject({ level: 'unconfigured', updatedAt: '2026-11-23T10:00:00.000Z' });
  });

  it('takes the worst level among configured capabilities', () => {
    const app = service();
    const levels: string[] = [];
    app.on('status', (status) => levels.push(status.level));
    app.report('vpn', { level: 'ok', summary: { key: 'vpn.connected' } });
    app.report('phone', { level: 'warning', summary: { key: 'phone.registering' } });
    app.report('meetings', { level: 'busy', summary: { key: 'meetings.loading' } });
    app.report('officePc', { level: 'error', summary: { key: 'officePc.unreachable' } });
    app.report('officePc', { level: 'ok', summary: { key: 'officePc.ready' } });
    expect(levels).toEqual(['ok', 'warning', 'warning', 'error', 'warning']);
  });

  it('keeps when each level last changed, not when a capability last reported the same level', () => {
    let now = new Date('2026-11-23T10:00:00Z');
    const app = service(() => now);
    now = new Date('2026-11-23T10:05:00Z');
    app.report('phone', { level: 'ok', summary: { key: 'phone.registered' } });
    now = new Date('2026-11-23T10:09:00Z');
    app.report('phone', { level: 'ok', summary: { key: 'phone.registered', params: { extension: '2041' } } });
    expect(app.status().levelSince).toMatchObject({ phone: '2026-11-23T10:05:00.000Z', vpn: '2026-11-23T10:00:00.000Z' });
    app.report('phone', { level: 'error', summary: { key: 'phone.failed' } });
    expect(app.status().levelSince.phone).toBe('2026-11-23T10:09:00.000Z');
  });

  it('describes itself', () => {
    expect(service().info()).toEqual({
      name: 'Scrivania',
      version: '1.2.3',
      platform: 'linux',
      arch: 'x64',
      host: 'web',
      versions: { node: '20' },
    });
  });
});
