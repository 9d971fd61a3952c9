import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { parseDeepLink } from '../../../main/host/electron/deep-links';
import { APP_ORIGIN as HOST_APP_ORIGIN } from '../../../main/host/electron/origin';
import { capabilityIds } from '../../../common/contract';
import {
  APP_ORIGIN,
  CAPABILITIES,
  LINUX_EXECUTABLE,
  PRODUCT_NAME,
  QUIT_WITHIN_MS,
  appArguments,
  appWindowIn,
  devToolsEndpointIn,
  keychainBindingDir,
  keychainBindingPackage,
  linkDelivery,
  packagedApps,
  profileLink,
} from '../../../scripts/smoke-packaged.js';

const release = join('work', 'release');
// What electron-builder leaves in release/ next to the unpacked apps.
const noise = [
  'builder-debug.yml',
  'builder-effective-config.yaml',
  'latest.yml',
  'Scrivania-1.2.3-x64.dmg',
  'Scrivania-1.2.3-arm64.zip.blockmap',
  'scrivania_1.2.3_amd64.deb',
];

describe('the packaged apps the smoke test starts', () => {
  it('are the unpacked Windows folder’s exe', () => {
    expect(packagedApps('win32', release, [...noise, 'win-unpacked', 'Scrivania-Setup-1.2.3.exe'])).toEqual([
      {
        name: 'win-unpacked',
        arch: 'x64',
        executable: join(release, 'win-unpacked', 'Scrivania.exe'),
        resources: join(release, 'win-unpacked', 'resources'),
      },
    ]);
  });

  it('are the unpacked Linux folders’ binaries, named after the package', () => {
    expect(
      packagedApps('linux', release, [...noise, 'linux-arm64-unpacked', 'linux-unpacked']).map(({ name, arch, executable }) => ({
        name,
        arch,
        executable,
      })),
    ).toEqual([
      { name: 'linux-arm64-unpacked', arch: 'arm64', executable: join(release, 'linux-arm64-unpacked', 'scrivania') },
      { name: 'linux-unpacked', arch: 'x64', executable: join(release, 'linux-unpacked', 'scrivania') },
    ]);
  });

  it('are both macOS apps, Intel (mac/) and Apple silicon (mac-arm64/)', () => {
    const bundle = (folder: string) => join(release, folder, 'Scrivania.app');
    expect(packagedApps('darwin', release, [...noise, 'mac-arm64', 'mac'])).toEqual([
      {
        name: 'mac',
        arch: 'x64',
        bundle: bundle('mac'),
        executable: join(bundle('mac'), 'Contents', 'MacOS', 'Scrivania'),
        resources: join(bundle('mac'), 'Contents', 'Resources'),
      },
      {
        name: 'mac-arm64',
        arch: 'arm64',
        bundle: bundle('mac-arm64'),
        executable: join(bundle('mac-arm64'), 'Contents', 'MacOS', 'Scrivania'),
        resources: join(bundle('mac-arm64'), 'Contents', 'Resources'),
      },
    ]);
  });

  it('are none when nothing was packaged, and an OS without installers is refused', () => {
    expect(packagedApps('linux', release, noise)).toEqual([]);
    expect(() => packagedApps('freebsd', release, [])).toThrow('no packaged app is built for freebsd');
  });

  it('are found by the names electron-builder.yml and package.json give them', () => {
    const builder = parse(readFileSync('electron-builder.yml', 'utf8')) as {
      productName: string;
      executableName?: string;
      linux?: { executableName?: string };
    };
    const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as { name: string };
    expect(PRODUCT_NAME).toBe(builder.productName);
    expect(builder.executableName ?? builder.linux?.executableName).toBeUndefined();
    expect(LINUX_EXECUTABLE).toBe(manifest.name.toLowerCase());
  });

  it('each carry the keychain binding the lockfile has for their OS and architecture', () => {
    const locked = (JSON.parse(readFileSync('package-lock.json', 'utf8')) as { packages: Record<string, unknown> }).packages;
    const built: [NodeJS.Platform, string][] = [
      ['win32', 'x64'],
      ['linux', 'x64'],
      ['darwin', 'x64'],
      ['darwin', 'arm64'],
    ];
    for (const [platform, arch] of built)
      expect(locked, `${platform} ${arch}`).toHaveProperty([`node_modules/${keychainBindingPackage(platform, arch)}`]);
    const [intel] = packagedApps('darwin', release, ['mac']);
    expect(intel && keychainBindingDir(intel, 'darwin')).toBe(
      join(release, 'mac', 'Scrivania.app', 'Contents', 'Resources', 'app.asar.unpacked', 'node_modules', '@napi-rs', 'keyring-darwin-x64'),
    );
  });
});

describe('how the smoke test drives a packaged app', () => {
  it('starts it with a remote-debugging port, since the fuses turn off the inspector _electron.launch needs', () => {
    const builder = parse(readFileSync('electron-builder.yml', 'utf8')) as { electronFuses: Record<string, boolean> };
    expect(builder.electronFuses['enableNodeCliInspectArguments']).toBe(false);
    expect(appArguments()).toEqual(['--remote-debugging-port=0', '--lang=en-US']);
  });

  it('reads the DevTools endpoint Chromium prints, and finds the app’s window among the targets', () => {
    const stderr =
      '[1204/101010.123:ERROR:bus.cc(407)] Failed to connect to the bus\n\nDevTools listening on ws://127.0.0.1:40123/devtools/browser/6f1c-77aa\nmore\n';
    expect(devToolsEndpointIn(stderr)).toBe('ws://127.0.0.1:40123/devtools/browser/6f1c-77aa');
    expect(devToolsEndpointIn('Failed to connect to the bus')).toBeUndefined();
    const window = { type: 'page', url: 'app://scrivania/index.html' };
    expect(
      appWindowIn([
        { type: 'service_worker', url: 'app://scrivania/sw.js' },
        { type: 'page', url: 'devtools://devtools/bundled/inspector.html' },
        window,
      ]),
    ).toBe(window);
    expect(appWindowIn([{ type: 'page', url: 'about:blank' }])).toBeUndefined();
  });

  it('sends a profile link the app reads back as the same address', () => {
    const address = 'http://127.0.0.1:41234/smoke-0a1b2c3d.json';
    expect(profileLink(address)).toBe('scrivania://profile?url=http%3A%2F%2F127.0.0.1%3A41234%2Fsmoke-0a1b2c3d.json');
    expect(parseDeepLink(profileLink(address))).toEqual({ kind: 'profile', url: address });
  });

  it('hands the link over as each OS does: an event on macOS, a second instance elsewhere', () => {
    const [mac] = packagedApps('darwin', release, ['mac-arm64']);
    const [windows] = packagedApps('win32', release, ['win-unpacked']);
    const link = profileLink('http://127.0.0.1:1/p.json');
    expect(mac && linkDelivery('darwin', mac, link)).toEqual({
      command: 'open',
      args: ['-a', join(release, 'mac-arm64', 'Scrivania.app'), link],
    });
    expect(windows && linkDelivery('win32', windows, link)).toEqual({
      command: join(release, 'win-unpacked', 'Scrivania.exe'),
      args: [link],
    });
  });

  it('looks for the window, the cards and the time limit the app and the issue name', () => {
    expect(APP_ORIGIN).toBe(HOST_APP_ORIGIN);
    expect(CAPABILITIES).toEqual([...capabilityIds]);
    expect(QUIT_WITHIN_MS).toBe(10_000);
  });
});
