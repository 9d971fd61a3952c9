import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { runDiagCommand, type DiagCliPorts } from '../../../main/cli/diag-command';
import { emptyPolicy } from '../../../main/services/profiles/policy-sources';
import { everySecretForm, sampleReport, seededBundleEntries, seededDataFolder } from './diagnostics-fixture';

const ports: DiagCliPorts = {
  readPolicy: async () => ({ policy: emptyPolicy(), sources: [], problems: [] }),
  distDir: mkdtempSync(join(tmpdir(), 'scrivania-dist-')),
};

const run = async (args: string[]) => {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runDiagCommand(args, { out: (text) => out.push(text), err: (text) => err.push(text) }, ports);
  return { code, out: out.join(''), err: err.join('') };
};

describe('scrivania diag bundle', () => {
  it('writes the bundle from the data folder, with the last self-test and the active profile, and no secret', async () => {
    const folder = await seededDataFolder();
    mkdirSync(join(folder.dataDir, 'help'));
    writeFileSync(join(folder.dataDir, 'help', 'last-self-test.json'), JSON.stringify(sampleReport));
    const trust = join(folder.dataDir, 'signing.pub.pem');
    writeFileSync(trust, folder.keys.publicKeyPem);
    const target = join(mkdtempSync(join(tmpdir(), 'scrivania-out-')), 'for-the-help-desk.zip');

    const { code, out, err } = await run(['bundle', '--out', target, '--data-dir', folder.dataDir, '--trust', trust]);
    expect({ code, err }).toEqual({ code: 0, err: '' });
    expect(out).toMatch(new RegExp(`^Wrote ${target} \\(\\d+ bytes\\):\\n  README.txt\\n`));
    const entries = unzipSync(new Uint8Array(readFileSync(target)));
    expect(Object.keys(entries).sort()).toEqual(seededBundleEntries);
    expect(JSON.parse(strFromU8(entries['status.json']!))).toEqual({ note: 'Made without a running Scrivania: no live status.' });
    expect(JSON.parse(strFromU8(entries['self-test.json']!))).toEqual(sampleReport);
    expect(JSON.parse(strFromU8(entries['profile.json']!))).toMatchObject({
      id: 'comune-prato-smartworking',
      serial: 1,
      issuer: { organization: 'Comune di Prato', keyId: folder.keys.keyId },
    });
    expect(JSON.parse(strFromU8(entries['versions.json']!))).toMatchObject({
      app: { host: 'cli' },
      electron: null,
      node: process.versions.node,
    });
    expect(JSON.parse(strFromU8(entries['configuration.json']!))).toMatchObject({ config: { phone: { extension: '4021' } } });
    const everything = Buffer.concat(Object.values(entries).map((entry) => Buffer.from(entry)));
    expect(everySecretForm().filter((form) => everything.includes(form))).toEqual([]);
  });

  it('without the profile key, still writes the bundle and says why no profile applied', async () => {
    const folder = await seededDataFolder();
    const target = join(folder.dataDir, 'bundle.zip');
    expect((await run(['bundle', '--out', target, '--data-dir', folder.dataDir])).code).toBe(0);
    const entries = unzipSync(new Uint8Array(readFileSync(target)));
    expect(JSON.parse(strFromU8(entries['profile.json']!))).toEqual({ active: false, note: 'No configuration profile is active.' });
    expect(JSON.parse(strFromU8(entries['self-test.json']!))).toEqual({ note: 'No self-test ("Check my setup") has run yet.' });
    expect((JSON.parse(strFromU8(entries['configuration.json']!)) as { problems: string[] }).problems.join('\n')).toMatch(
      /stored profile was not applied/,
    );
  });

  it('answers wrong usage with exit 2 and a failure with exit 1, in one line', async () => {
    expect(await run(['bundle'])).toMatchObject({
      code: 2,
      err: expect.stringMatching(/^scrivania diag: --out FILE\.zip is required\nUsage: /),
    });
    expect(await run(['bundle', '--out', 'bundle.txt'])).toMatchObject({
      code: 2,
      err: expect.stringMatching(/^scrivania diag: --out must name a \.zip file, not "bundle\.txt"\n/),
    });
    expect(await run(['bundle', '--out', 'x.zip', '--colour'])).toMatchObject({ code: 2 });
    expect(await run(['pack'])).toMatchObject({ code: 2, err: expect.stringMatching(/^scrivania diag: unknown diag command "pack"\n/) });
    expect(await run([])).toMatchObject({ code: 2, out: expect.stringMatching(/^Usage: scrivania diag bundle/) });
    const missing = join(tmpdir(), 'scrivania-no-such-folder');
    expect(await run(['bundle', '--out', 'x.zip', '--data-dir', missing])).toEqual({
      code: 1,
      out: '',
      err: `scrivania diag: there is no Scrivania data folder at ${missing}\n`,
    });
    const folder = await seededDataFolder();
    writeFileSync(join(folder.dataDir, 'file'), '');
    const blocked = await run(['bundle', '--out', join(folder.dataDir, 'file', 'x.zip'), '--data-dir', folder.dataDir]);
    expect(blocked).toMatchObject({ code: 1, err: expect.stringMatching(/^scrivania diag: cannot write .*file\/x\.zip: .*\n$/) });
  });
});
