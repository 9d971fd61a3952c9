import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config';
import type { Configuration } from 'app-builder-lib';
import { expandMacro } from 'app-builder-lib/out/util/macroExpander';
import { DebugLogger } from 'builder-util';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEEP_LINK_SCHEME, DIAL_SCHEMES } from '../../../main/host/electron/deep-links';
import { builderOverrides, releaseWorkflow } from './release-workflow';

let config: Configuration;
beforeAll(async () => {
  config = await getConfig(process.cwd(), 'electron-builder.yml', null);
});

const validate = (candidate: Configuration) => validateConfiguration(candidate, new DebugLogger(false));

describe('electron-builder.yml', () => {
  it('passes electron-builder’s own schema validation', async () => {
    await expect(validate(config)).resolves.toBeUndefined();
  });

  it('turns the Electron fuses that matter off or on, asar integrity included', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
    expect(config.asar).toBe(true);
  });

  it('builds NSIS per user and an MSI per machine whose upgrade code never changes', () => {
    expect(config.win?.target).toEqual(['nsis', 'msi']);
    expect(config.nsis).toMatchObject({ oneClick: false, perMachine: false });
    // Changing it would make every installed MSI a different product: upgrades would install side by side.
    expect(config.msi).toMatchObject({ perMachine: true, upgradeCode: 'b8cd38a9-8e37-46ba-84c6-d6ec0c5631bd' });
    expect(config.win?.verifyUpdateCodeSignature).toBe(true);
  });

  it('signs and notarizes the macOS app with the hardened runtime and the microphone entitlement', () => {
    expect(config.mac).toMatchObject({ hardenedRuntime: true, notarize: true, entitlements: 'build/entitlements.mac.plist' });
    expect(config.mac?.extendInfo).toHaveProperty('NSMicrophoneUsageDescription');
    const plist = readFileSync('build/entitlements.mac.plist', 'utf8');
    expect(XMLValidator.validate(plist)).toBe(true);
    const keys = new XMLParser().parse(plist).plist.dict.key as string[];
    expect(keys).toEqual(expect.arrayContaining(['com.apple.security.device.audio-input', 'com.apple.security.cs.allow-jit']));
  });

  it('builds the macOS dmg and zip for Intel and Apple silicon, under names that say which', () => {
    expect(config.mac?.target).toEqual([
      { target: 'dmg', arch: ['x64', 'arm64'] },
      { target: 'zip', arch: ['x64', 'arm64'] },
    ]);
    // electron-updater on an Intel Mac takes the zips without "arm64" in their name, an Apple silicon Mac those with it.
    expect(config.mac?.artifactName).toBe('${productName}-${version}-${arch}.${ext}');
  });

  it('registers every link the app handles: in the Linux desktop file, Info.plist and the Windows installers', () => {
    const schemes = (config.protocols as { schemes: string[] }[]).flatMap((protocol) => protocol.schemes);
    const linuxMimeTypes = [
      ...((config.linux?.mimeTypes as string[] | undefined) ?? []),
      ...schemes.map((scheme) => `x-scheme-handler/${scheme}`),
    ];
    for (const scheme of [DEEP_LINK_SCHEME, ...DIAL_SCHEMES]) expect(linuxMimeTypes).toContain(`x-scheme-handler/${scheme}`);
    expect(config.linux?.target).toEqual(['AppImage', 'deb', 'rpm']);
  });

  it('unpacks the keychain’s native binding, which cannot load from inside the asar', () => {
    const nativeFiles = readdirSync('node_modules/@napi-rs', { recursive: true, encoding: 'utf8' }).filter((file) =>
      file.endsWith('.node'),
    );
    expect(nativeFiles.length).toBeGreaterThan(0);
    expect(config.asarUnpack).toContain('**/*.node');
  });

  it('takes the update server from the environment and refuses to build without it', () => {
    const [publish] = config.publish as { provider: string; url: string }[];
    expect(publish).toEqual({ provider: 'generic', url: '${env.SCRIVANIA_UPDATE_URL}' });
    const appInfo = {} as Parameters<typeof expandMacro>[2];
    const saved = process.env['SCRIVANIA_UPDATE_URL'];
    try {
      process.env['SCRIVANIA_UPDATE_URL'] = 'https://aggiornamenti.comune.example.it/scrivania';
      expect(expandMacro(publish?.url ?? '', null, appInfo)).toBe('https://aggiornamenti.comune.example.it/scrivania');
      delete process.env['SCRIVANIA_UPDATE_URL'];
      expect(() => expandMacro(publish?.url ?? '', null, appInfo)).toThrow('env SCRIVANIA_UPDATE_URL is not defined');
    } finally {
      if (saved === undefined) delete process.env['SCRIVANIA_UPDATE_URL'];
      else process.env['SCRIVANIA_UPDATE_URL'] = saved;
    }
  });

  it('holds no signing identity: certificates and passwords come only from the environment', () => {
    const text = readFileSync('electron-builder.yml', 'utf8');
    for (const key of ['cscLink', 'cscKeyPassword', 'certificateFile', 'certificatePassword', 'certificateSha1', 'identity'])
      expect(text).not.toMatch(new RegExp(`^\\s*${key}:`, 'm'));
  });

  it('has an icon electron-builder can turn into every OS’s format (a PNG of at least 512×512)', () => {
    const png = readFileSync(join('build', 'icon.png'));
    expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
    expect(Math.min(png.readUInt32BE(16), png.readUInt32BE(20))).toBeGreaterThanOrEqual(512);
  });
});

describe('the release workflow’s signing settings, applied to electron-builder.yml', () => {
  const platforms = ['win', 'mac', 'linux'] as const;

  it('set the Windows publisher name for both Authenticode and Azure Trusted Signing, from the environment', () => {
    const windowsOverrides = releaseWorkflow()
      .packagingSteps.filter((step) => step.platform === 'win')
      .map((step) => builderOverrides(step.run));
    expect(windowsOverrides).toHaveLength(2);
    expect(windowsOverrides.map((overrides) => overrides.find(([path]) => path.endsWith('.publisherName'))?.[1])).toEqual([
      '$WIN_PUBLISHER_NAME',
      '$WIN_PUBLISHER_NAME',
    ]);
    expect(windowsOverrides.map((overrides) => overrides.map(([path]) => path.split('.')[1]))).toEqual([
      ['signtoolOptions'],
      ['azureSignOptions', 'azureSignOptions', 'azureSignOptions', 'azureSignOptions'],
    ]);
  });

  it('still pass electron-builder’s schema validation once filled in', async () => {
    for (const step of releaseWorkflow().packagingSteps) {
      expect(platforms).toContain(step.platform);
      const candidate = structuredClone(config) as Record<string, unknown>;
      for (const [path, variable] of builderOverrides(step.run)) setPath(candidate, path.split('.'), `value of ${variable}`);
      await expect(validate(candidate as Configuration)).resolves.toBeUndefined();
    }
  });

  it('would be caught if one named an option electron-builder does not have', async () => {
    const candidate = structuredClone(config) as Record<string, unknown>;
    setPath(candidate, ['win', 'signtoolOptions', 'publisher'], 'CN=Comune di Prato');
    await expect(validate(candidate as Configuration)).rejects.toThrow(/signtoolOptions/);
  });
});

const setPath = (target: Record<string, unknown>, path: string[], value: unknown): void => {
  const [head, ...rest] = path;
  if (head === undefined) return;
  if (rest.length === 0) {
    target[head] = value;
    return;
  }
  const next = (target[head] ??= {}) as Record<string, unknown>;
  setPath(next, rest, value);
};
