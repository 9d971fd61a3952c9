import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { channelOf, releaseVersion, versionFromTag, withVersion } from '../../../scripts/release-version.js';

describe('the version a release tag names', () => {
  it('is the tag without its v, for a stable and for a beta version', () => {
    expect(versionFromTag('v1.2.3')).toBe('1.2.3');
    expect(versionFromTag('v1.3.0-beta.1')).toBe('1.3.0-beta.1');
    expect(versionFromTag('v2.0.0-beta')).toBe('2.0.0-beta');
  });

  it('goes to the beta channel when it is a beta, to the stable one otherwise', () => {
    expect(channelOf('1.2.3')).toBe('stable');
    expect(channelOf('1.3.0-beta.1')).toBe('beta');
  });

  it('refuses, in one line, a tag that is not v and a semantic version', () => {
    for (const [tag, reason] of [
      ['1.2.3', 'the release tag "1.2.3" must start with v, such as v1.2.3 or v1.3.0-beta.1'],
      ['v1.2', 'the release tag "v1.2" is not v + a semantic version, such as v1.2.3 or v1.3.0-beta.1'],
      ['v01.2.3', 'is not v + a semantic version'],
      ['vnext', 'is not v + a semantic version'],
      ['v1.2.3 ', 'is not v + a semantic version'],
      ['', 'must start with v'],
    ] as const) {
      expect(() => versionFromTag(tag)).toThrow(reason);
    }
  });

  it('refuses a pre-release the apps cannot follow, and build metadata they cannot tell apart', () => {
    expect(() => versionFromTag('v1.3.0-rc.1')).toThrow(
      'the release tag "v1.3.0-rc.1" is a "rc" pre-release; apps follow only stable and beta versions, such as v1.3.0-beta.1',
    );
    expect(() => versionFromTag('v1.3.0-alpha.2')).toThrow('"alpha" pre-release');
    expect(() => versionFromTag('v1.2.3+build.7')).toThrow('carries build metadata (+…); apps could not tell it from 1.2.3');
    for (const message of ['v1.3.0-rc.1', 'v1.2', '1.2.3'].map((tag) => catchMessage(() => versionFromTag(tag))))
      expect(message).not.toContain('\n');
  });
});

describe('the version a release run builds', () => {
  it('comes from the tag GitHub ran the workflow for', () => {
    expect(
      releaseVersion({ tag: undefined, env: { GITHUB_REF_TYPE: 'tag', GITHUB_REF_NAME: 'v1.3.0-beta.1' }, packageVersion: '0.1.0' }),
    ).toEqual({ version: '1.3.0-beta.1', channel: 'beta', fromTag: true });
  });

  it('comes from the tag on the command line before the environment', () => {
    expect(releaseVersion({ tag: 'v1.2.3', env: { GITHUB_REF_TYPE: 'tag', GITHUB_REF_NAME: 'v9.9.9' }, packageVersion: '0.1.0' })).toEqual({
      version: '1.2.3',
      channel: 'stable',
      fromTag: true,
    });
  });

  it('stays package.json’s own for a manual run on a branch', () => {
    expect(
      releaseVersion({ tag: undefined, env: { GITHUB_REF_TYPE: 'branch', GITHUB_REF_NAME: 'main' }, packageVersion: '0.1.0' }),
    ).toEqual({ version: '0.1.0', channel: 'stable', fromTag: false });
    expect(releaseVersion({ tag: undefined, env: {}, packageVersion: '0.1.0' }).fromTag).toBe(false);
  });

  it('is refused when the tag GitHub ran for is not a version', () => {
    expect(() =>
      releaseVersion({ tag: undefined, env: { GITHUB_REF_TYPE: 'tag', GITHUB_REF_NAME: 'v1.2' }, packageVersion: '0.1.0' }),
    ).toThrow('is not v + a semantic version');
  });

  it('replaces only the version in package.json', () => {
    const text = readFileSync('package.json', 'utf8');
    const updated = withVersion(text, '1.3.0-beta.1');
    expect(JSON.parse(updated)).toEqual({ ...JSON.parse(text), version: '1.3.0-beta.1' });
    expect(updated.split('\n').filter((line, index) => line !== text.split('\n')[index])).toEqual(['  "version": "1.3.0-beta.1",']);
  });
});

describe('scripts/release-version.js', () => {
  const script = resolve('scripts/release-version.js');
  const folders: string[] = [];
  const projectWith = (version: string): string => {
    const folder = mkdtempSync(join(tmpdir(), 'scrivania-release-'));
    folders.push(folder);
    writeFileSync(join(folder, 'package.json'), `${JSON.stringify({ name: 'scrivania', version, private: true }, null, 2)}\n`);
    return folder;
  };
  const run = (folder: string, args: string[], env: Record<string, string> = {}) => {
    const { GITHUB_REF_TYPE: _type, GITHUB_REF_NAME: _name, GITHUB_OUTPUT: _output, ...inherited } = process.env;
    return execFileSync(process.execPath, [script, ...args], {
      cwd: folder,
      env: { ...inherited, ...env },
      encoding: 'utf8',
      stdio: 'pipe',
    });
  };
  afterEach(() => folders.splice(0).forEach((folder) => rmSync(folder, { recursive: true, force: true })));

  it('writes the tag’s version into package.json and the step outputs', () => {
    const folder = projectWith('0.1.0');
    const output = join(folder, 'github-output');
    writeFileSync(output, '');
    expect(run(folder, [], { GITHUB_REF_TYPE: 'tag', GITHUB_REF_NAME: 'v1.3.0-beta.1', GITHUB_OUTPUT: output })).toContain(
      'Version 1.3.0-beta.1 (beta channel), from the release tag.',
    );
    expect(JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8')).version).toBe('1.3.0-beta.1');
    expect(readFileSync(output, 'utf8')).toBe('version=1.3.0-beta.1\nchannel=beta\n');
  });

  it('leaves package.json alone for a run that is not for a tag', () => {
    const folder = projectWith('0.1.0');
    const before = readFileSync(join(folder, 'package.json'), 'utf8');
    expect(run(folder, [], { GITHUB_REF_TYPE: 'branch', GITHUB_REF_NAME: 'main' })).toContain('nothing is published');
    expect(readFileSync(join(folder, 'package.json'), 'utf8')).toBe(before);
  });

  it('exits 1 with the reason in one line for a tag that is not a version', () => {
    const folder = projectWith('0.1.0');
    let failure: { status: number; stderr: string } | undefined;
    try {
      run(folder, ['v1.2']);
    } catch (error) {
      failure = error as { status: number; stderr: string };
    }
    expect(failure?.status).toBe(1);
    expect(failure?.stderr).toBe(
      'release-version: the release tag "v1.2" is not v + a semantic version, such as v1.2.3 or v1.3.0-beta.1\n',
    );
    expect(JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8')).version).toBe('0.1.0');
  });
});

const catchMessage = (action: () => unknown): string => {
  try {
    action();
    return '';
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
};
