import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readBuiltInDefaultProfileUrl, readBuiltInTrustedKeys, unpackagedRunOverrides } from '../../../main/host/core/host-paths';
import { startHostOnFake } from '../../support/electron-host-harness';
import { createFakeElectron } from '../../support/fake-electron';
import { memoryLog } from '../../support/memory-log';
import { writeInstallationFiles } from '../../../scripts/installation-files.js';
import { keygen, sampleProfile, signedBytes } from '../profiles/fixtures';
import { servedProfilesEach } from '../profiles/served-profiles';

const keys = keygen();
const dists: string[] = [];
const newDist = (): string => {
  const dist = mkdtempSync(join(tmpdir(), 'scrivania-dist-'));
  dists.push(dist);
  return dist;
};
afterEach(() => dists.splice(0).forEach((dist) => rmSync(dist, { recursive: true, force: true })));

describe('what the build bakes in from its environment', () => {
  it('writes the trusted keys and the default profile URL where the hosts read them', async () => {
    const dist = newDist();
    const pem = join(dist, 'comune.pub.pem');
    writeFileSync(pem, keys.publicKeyPem);
    const baked = writeInstallationFiles(
      {
        SCRIVANIA_TRUSTED_KEYS: `${pem}${delimiter}${keys.publicKeyBase64}`,
        SCRIVANIA_DEFAULT_PROFILE_URL: 'https://profili.comune.example.it/scrivania.json',
      },
      dist,
    );

    expect(baked).toEqual({ trustedKeys: 2, profileUrl: 'https://profili.comune.example.it/scrivania.json' });
    await expect(readBuiltInTrustedKeys(dist)).resolves.toEqual([keys.publicKeyPem, keys.publicKeyBase64]);
    await expect(readBuiltInDefaultProfileUrl(dist)).resolves.toBe('https://profili.comune.example.it/scrivania.json');
  });

  it('removes what an earlier build baked when the variables are unset', async () => {
    const dist = newDist();
    writeInstallationFiles(
      { SCRIVANIA_TRUSTED_KEYS: keys.publicKeyBase64, SCRIVANIA_DEFAULT_PROFILE_URL: 'https://profili.example.it/p.json' },
      dist,
    );
    writeInstallationFiles({}, dist);
    await expect(readBuiltInTrustedKeys(dist)).resolves.toEqual([]);
    await expect(readBuiltInDefaultProfileUrl(dist)).resolves.toBeUndefined();
  });

  it('refuses a default profile URL that is not http or https, naming the variable', () => {
    expect(() => writeInstallationFiles({ SCRIVANIA_DEFAULT_PROFILE_URL: 'file:///etc/scrivania.json' }, newDist())).toThrow(
      'SCRIVANIA_DEFAULT_PROFILE_URL must be an http:// or https:// address, not "file:///etc/scrivania.json"',
    );
  });

  it('refuses a tampered default-profile-url.json in one line naming the file', async () => {
    const dist = newDist();
    writeFileSync(join(dist, 'default-profile-url.json'), JSON.stringify({ url: 'javascript:alert(1)' }));
    await expect(readBuiltInDefaultProfileUrl(dist)).rejects.toThrow(
      /default-profile-url\.json: url: expected an http:\/\/ or https:\/\/ URL$/,
    );
    writeFileSync(join(dist, 'default-profile-url.json'), '{');
    await expect(readBuiltInDefaultProfileUrl(dist)).rejects.toThrow(/default-profile-url\.json: not JSON: /);
    expect(readFileSync(join(dist, 'default-profile-url.json'), 'utf8')).toBe('{');
  });
});

describe('the unpackaged Electron run used by the end-to-end tests', () => {
  it('takes a data folder and extra trusted key files from the environment', () => {
    expect(unpackagedRunOverrides({ SCRIVANIA_DATA_DIR: '/tmp/e2e-data', SCRIVANIA_TRUST: `/tmp/a.pem${delimiter}/tmp/b.pem` })).toEqual({
      dataDir: '/tmp/e2e-data',
      trustFiles: ['/tmp/a.pem', '/tmp/b.pem'],
    });
    expect(unpackagedRunOverrides({})).toEqual({ trustFiles: [] });
  });
});

describe('the built-in default profile URL (real HTTP on 127.0.0.1)', () => {
  const served = servedProfilesEach(keys);
  const { newService } = served;

  it('is polled when neither the OS policy nor the employee set a profile URL', async () => {
    served.server.publish(signedBytes(sampleProfile({ serial: 2 }), keys));
    const service = newService({ defaultProfileUrl: `${served.server.origin}/built-in.json` });
    expect(await service.checkNow()).toMatchObject({ result: 'applied' });
    expect(served.server.requests.map((request) => request.path)).toEqual(['/built-in.json']);
    expect(service.summary()).toMatchObject({ serial: 2 });
  });

  it('gives way to the OS policy’s URL', async () => {
    served.server.publish(signedBytes(sampleProfile({ serial: 3 }), keys));
    const service = newService({
      defaultProfileUrl: `${served.server.origin}/built-in.json`,
      readPolicy: async () => ({
        policy: { trustedKeys: [], profileUrl: `${served.server.origin}/policy.json`, forced: {} },
        sources: ['test'],
        problems: [],
      }),
    });
    expect(await service.checkNow()).toMatchObject({ result: 'applied' });
    expect(served.server.requests.map((request) => request.path)).toEqual(['/policy.json']);
    expect(service.summary()).toMatchObject({ source: 'policy' });
  });

  it('gives way to the address the employee imported from', async () => {
    served.server.publish(signedBytes(sampleProfile({ serial: 4 }), keys));
    const service = newService({ defaultProfileUrl: `${served.server.origin}/built-in.json` });
    await service.importFromUrl(`${served.server.origin}/chosen.json`);
    await service.checkNow();
    expect(served.server.requests.map((request) => request.path)).toEqual(['/chosen.json', '/chosen.json']);
  });

  it('reaches the profiles from the Electron host, which polls it at start', async () => {
    served.server.publish(signedBytes(sampleProfile({ serial: 6 }), keys));
    const rendererDir = newDist();
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Scrivania</title>');
    const fake = createFakeElectron({ userData: served.dir });
    const host = await startHostOnFake(fake, {
      rendererDir,
      preloadPath: '/app/preload.cjs',
      log: memoryLog().log,
      trustedKeys: [keys.publicKeyPem],
      defaultProfileUrl: `${served.server.origin}/built-in.json`,
      argv: [],
    });
    try {
      await expect.poll(() => host?.backend.profiles.summary()?.serial, { timeout: 5_000 }).toBe(6);
      expect(served.server.requests.map((request) => request.path)).toEqual(['/built-in.json']);
    } finally {
      host?.backend.dispose();
    }
  });

  it('is not polled when absent', async () => {
    expect(await newService().checkNow()).toBeUndefined();
    expect(served.server.requests).toEqual([]);
  });
});
