import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config';
import { DebugLogger } from 'builder-util';
import { describe, expect, it } from 'vitest';

describe('electron-builder.yml', () => {
  it('passes electron-builder’s own schema validation', async () => {
    const config = await getConfig(process.cwd(), 'electron-builder.yml', null);
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('turns the Electron fuses that matter off or on', async () => {
    const config = await getConfig(process.cwd(), 'electron-builder.yml', null);
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
    expect(config.asar).toBe(true);
  });
});

describe('the schema validation itself', () => {
  it('refuses an unknown fuse, so the checks above can fail', async () => {
    const config = await getConfig(process.cwd(), 'electron-builder.yml', null);
    const broken = { ...config, electronFuses: { ...config.electronFuses, runAsNodeSometimes: true } } as typeof config;
    await expect(validateConfiguration(broken, new DebugLogger(false))).rejects.toThrow(/configuration\.electronFuses should be/);
  });
});
