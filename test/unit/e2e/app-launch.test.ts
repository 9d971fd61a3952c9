import { delimiter } from 'node:path';
import { describe, expect, it } from 'vitest';
import { unpackagedRunOverrides } from '../../../main/host/core/host-paths';
import { electronArguments, electronEnvironment, webHostArguments } from '../../e2e/app-launch';

describe('how the end-to-end specs start each host', () => {
  it('gives the web host a free port, its data folder and one --trust per key file', () => {
    expect(webHostArguments('/tmp/data-1', ['/tmp/a.pub.pem', '/tmp/b.pub.pem'])).toEqual([
      'bin/scrivania.js',
      'web',
      '--port',
      '0',
      '--data-dir',
      '/tmp/data-1',
      '--trust',
      '/tmp/a.pub.pem',
      '--trust',
      '/tmp/b.pub.pem',
    ]);
    expect(webHostArguments('/tmp/data-1', [])).not.toContain('--trust');
  });

  it('puts the Chromium switches and the language after the Electron main script, and no sandbox first as root', () => {
    expect(
      electronArguments('/app/electron-main.js', { switches: ['--use-fake-device-for-media-stream'], locale: 'it-IT' }, false),
    ).toEqual(['/app/electron-main.js', '--use-fake-device-for-media-stream', '--lang=it-IT']);
    expect(electronArguments('/app/electron-main.js', {}, true)).toEqual(['--no-sandbox', '/app/electron-main.js']);
  });

  it('sets the overrides the unpackaged Electron app reads back as its data folder and trusted keys', () => {
    const env = electronEnvironment('/tmp/data-2', ['/tmp/a.pub.pem', '/tmp/b.pub.pem'], {
      DBUS_SESSION_BUS_ADDRESS: 'unix:path=/tmp/bus',
    });
    expect(env['DBUS_SESSION_BUS_ADDRESS']).toBe('unix:path=/tmp/bus');
    expect(env['SCRIVANIA_TRUST']).toBe(['/tmp/a.pub.pem', '/tmp/b.pub.pem'].join(delimiter));
    expect(unpackagedRunOverrides(env)).toEqual({ dataDir: '/tmp/data-2', trustFiles: ['/tmp/a.pub.pem', '/tmp/b.pub.pem'] });
  });

  it('trusts nothing more when there is no key file, and the data folder cannot be overridden by the test env', () => {
    const env = electronEnvironment('/tmp/data-3', [], { SCRIVANIA_DATA_DIR: '/somewhere/else' });
    expect(env).not.toHaveProperty('SCRIVANIA_TRUST');
    expect(unpackagedRunOverrides(env)).toEqual({ dataDir: '/tmp/data-3', trustFiles: [] });
  });
});
