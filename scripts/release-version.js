// `node scripts/release-version.js [TAG]`: sets package.json's version from the release tag (v1.2.3 → 1.2.3,
// v1.3.0-beta.1 → 1.3.0-beta.1), which is the version electron-builder writes into every latest*.yml and beta*.yml.
// Without a TAG it reads the tag GitHub Actions ran for (GITHUB_REF_TYPE, GITHUB_REF_NAME); a run from a branch
// keeps package.json's version, and the release workflow then builds and tests but does not publish.
// Writes `version` and `channel` to GITHUB_OUTPUT when that is set.
import { appendFileSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import semver from 'semver';

/** The pre-release the installed apps can follow: they read the stable (latest*.yml) and the beta channel only. */
const BETA = 'beta';

/** The version a release tag names; throws a one-line reason for a tag that is not `v` + semantic version. */
export const versionFromTag = (tag) => {
  const example = 'such as v1.2.3 or v1.3.0-beta.1';
  if (!tag.startsWith('v')) throw new Error(`the release tag "${tag}" must start with v, ${example}`);
  const version = tag.slice(1);
  // Update checks ignore build metadata, so two builds differing only in it would look like the same version.
  const [withoutMetadata = '', metadata] = version.split('+');
  if (metadata !== undefined && semver.valid(withoutMetadata) !== null)
    throw new Error(`the release tag "${tag}" carries build metadata (+…); apps could not tell it from ${withoutMetadata}`);
  if (semver.valid(version) !== version) throw new Error(`the release tag "${tag}" is not v + a semantic version, ${example}`);
  const prerelease = semver.prerelease(version);
  if (prerelease && prerelease[0] !== BETA)
    throw new Error(
      `the release tag "${tag}" is a "${prerelease[0]}" pre-release; apps follow only stable and ${BETA} versions, such as v1.3.0-beta.1`,
    );
  return version;
};

/** The update channel a version is published to. */
export const channelOf = (version) => (semver.prerelease(version) ? BETA : 'stable');

/**
 * The version to build: the tag's, or package.json's own when the run is not for a tag (a manual run on a branch).
 * `tag` is the one given on the command line; otherwise the GitHub Actions environment says what ran.
 */
export const releaseVersion = ({ tag, env, packageVersion }) => {
  const fromTag = tag ?? (env.GITHUB_REF_TYPE === 'tag' ? env.GITHUB_REF_NAME : undefined);
  const version = fromTag === undefined ? packageVersion : versionFromTag(fromTag);
  return { version, channel: channelOf(version), fromTag: fromTag !== undefined };
};

/** package.json with its version replaced, everything else as it was. */
export const withVersion = (packageJsonText, version) => {
  const manifest = JSON.parse(packageJsonText);
  return `${JSON.stringify({ ...manifest, version }, null, 2)}\n`;
};

const main = () => {
  const file = 'package.json';
  const text = readFileSync(file, 'utf8');
  const { version, channel, fromTag } = releaseVersion({
    tag: process.argv[2],
    env: process.env,
    packageVersion: JSON.parse(text).version,
  });
  if (fromTag) {
    // Renamed into place, so an interrupted run never leaves half a package.json.
    writeFileSync(`${file}.tmp`, withVersion(text, version));
    renameSync(`${file}.tmp`, file);
    console.log(`Version ${version} (${channel} channel), from the release tag.`);
  } else {
    console.log(`Version ${version} (${channel} channel), package.json's own: this run is not for a release tag, so nothing is published.`);
  }
  if (process.env.GITHUB_OUTPUT) appendFileSync(process.env.GITHUB_OUTPUT, `version=${version}\nchannel=${channel}\n`);
};

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    main();
  } catch (error) {
    console.error(`release-version: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
