import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RELEASE_WORKFLOW, releaseWorkflow, secretHandlingProblems } from './release-workflow';

const workflow = releaseWorkflow();
const runIndex = (pattern: RegExp): number => workflow.build.steps.findIndex((step) => pattern.test(step.run ?? ''));

describe('the release workflow', () => {
  it('builds on Windows, macOS and Linux runners, packaging each platform', () => {
    const matrix = workflow.build.strategy?.matrix.include ?? [];
    expect(matrix.map((entry) => entry.os).sort()).toEqual(['macos-latest', 'ubuntu-latest', 'windows-latest']);
    expect(new Set(workflow.packagingSteps.map((step) => step.platform))).toEqual(new Set(matrix.map((entry) => entry.platform)));
    for (const step of workflow.packagingSteps) expect(step.run).toMatch(new RegExp(`electron-builder --${step.platform} --publish never`));
  });

  it('runs the end-to-end tests in Electron on every OS before anything is packaged', () => {
    const testStep = workflow.build.steps[runIndex(/npm run test:electron/)];
    expect(testStep).toBeDefined();
    expect(testStep?.if).toBeUndefined();
    const firstPackaging = runIndex(/electron-builder/);
    expect(runIndex(/npm run test:electron/)).toBeLessThan(firstPackaging);
    expect(runIndex(/npm run build/)).toBeLessThan(runIndex(/npm run test:electron/));
    // On Linux the script itself gives Electron a display.
    const scripts = (JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> }).scripts;
    expect(scripts['test:electron']).toBeDefined();
    expect(readFileSync('scripts/test-electron.js', 'utf8')).toContain('xvfb-run');
  });

  it('sets package.json’s version from the tag on every OS, before anything is built', () => {
    const versionStep = workflow.build.steps[runIndex(/node scripts\/release-version\.js/)];
    expect(versionStep).toBeDefined();
    expect(versionStep?.if).toBeUndefined();
    expect(runIndex(/^npm ci$/)).toBeLessThan(runIndex(/release-version\.js/));
    expect(runIndex(/release-version\.js/)).toBeLessThan(runIndex(/npm run build/));
  });

  it('packages both macOS architectures in one job, each with its own keychain binding', () => {
    const mac = workflow.packagingSteps.filter((step) => step.platform === 'mac');
    expect(mac).toHaveLength(1);
    // The architectures come from electron-builder.yml; a flag here would build only the one it names.
    expect(mac[0]?.run).not.toMatch(/--(x64|arm64|universal)\b/);
    const binding = runIndex(/@napi-rs\/keyring-darwin-x64/);
    expect(workflow.build.steps[binding]?.if).toBe("matrix.platform == 'mac'");
    expect(binding).toBeLessThan(runIndex(/electron-builder --mac/));
    expect(workflow.build.steps[binding]?.run).toContain('integrity');
  });

  it('smoke-tests the packaged apps on every OS after packaging, before their files leave the runner', () => {
    const smoke = runIndex(/node scripts\/smoke-packaged\.js/);
    expect(workflow.build.steps[smoke]?.if).toBeUndefined();
    const lastPackaging = Math.max(
      ...workflow.packagingSteps.map((step) => workflow.build.steps.findIndex((candidate) => candidate.run === step.run)),
    );
    expect(smoke).toBeGreaterThan(lastPackaging);
    expect(smoke).toBeLessThan(workflow.build.steps.findIndex((step) => step.uses?.startsWith('actions/upload-artifact')));
    // The Intel app runs under Rosetta on the Apple silicon runner.
    const rosetta = runIndex(/--install-rosetta/);
    expect(workflow.build.steps[rosetta]?.if).toBe("matrix.platform == 'mac'");
    expect(rosetta).toBeLessThan(smoke);
  });

  it('publishes only for a tag: a manual run on a branch builds and tests only', () => {
    expect(workflow.jobs['publish']?.if).toBe("github.ref_type == 'tag'");
  });

  it('publishes only after every platform was built and tested, update metadata last', () => {
    const publish = workflow.jobs['publish'];
    expect(publish?.needs).toBe('build');
    const upload = publish?.steps.find((step) => step.run?.includes('rsync'))?.run ?? '';
    expect(upload.indexOf("--exclude='*.yml'")).toBeGreaterThan(-1);
    expect(upload.indexOf('release/*.yml')).toBeGreaterThan(upload.indexOf("--exclude='*.yml'"));
    const artifact = workflow.build.steps.find((step) => step.uses?.startsWith('actions/upload-artifact'));
    expect(String(artifact?.with?.['path'])).toContain('release/*.yml');
    expect(workflow.build.steps.some((step) => /rsync|gh release/.test(step.run ?? ''))).toBe(false);
  });

  it('signs on every platform from the environment: certificates, notarization keys and GPG keys', () => {
    const envOf = (platform: string) =>
      Object.assign(
        {},
        ...workflow.build.steps.filter((step) => step.if?.includes(`'${platform}'`)).map((step) => step.env ?? {}),
      ) as Record<string, string>;
    expect(Object.keys(envOf('win'))).toEqual(
      expect.arrayContaining([
        'CSC_LINK',
        'CSC_KEY_PASSWORD',
        'AZURE_TENANT_ID',
        'AZURE_CLIENT_ID',
        'AZURE_CLIENT_SECRET',
        'WIN_PUBLISHER_NAME',
      ]),
    );
    expect(Object.keys(envOf('mac'))).toEqual(
      expect.arrayContaining(['CSC_LINK', 'CSC_KEY_PASSWORD', 'APPLE_API_KEY_P8', 'APPLE_API_KEY_ID', 'APPLE_API_ISSUER']),
    );
    expect(Object.keys(envOf('linux'))).toEqual(expect.arrayContaining(['LINUX_GPG_PRIVATE_KEY', 'LINUX_GPG_PASSPHRASE']));
  });

  it('takes every secret from secrets.* and never pastes one into a script', () => {
    expect(secretHandlingProblems(workflow.document)).toEqual([]);
  });

  it('would notice a password written into the workflow or a secret pasted into a script', () => {
    const text = readFileSync(RELEASE_WORKFLOW, 'utf8');
    const literal = releaseWorkflow(text.replace('${{ secrets.WIN_CSC_KEY_PASSWORD }}', 'hunter2'));
    expect(secretHandlingProblems(literal.document)).toEqual([
      expect.stringMatching(/CSC_KEY_PASSWORD must come from secrets\.\*, not "hunter2"$/),
    ]);
    const pasted = releaseWorkflow(
      text.replace(
        'npx electron-builder --linux --publish never',
        'npx electron-builder --linux --publish never --gpg ${{ secrets.LINUX_GPG_PASSPHRASE }}',
      ),
    );
    expect(secretHandlingProblems(pasted.document)).toEqual([expect.stringMatching(/a secret is written into the script/)]);
  });
});
