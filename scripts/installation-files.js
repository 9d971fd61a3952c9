// What `npm run build` bakes into dist/ from the build-time environment, so an admin builds "Scrivania for Comune
// di X" without touching code: the trusted profile-signing keys and the default profile address.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/**
 * SCRIVANIA_TRUSTED_KEYS: public-key files (.pem) or base64 keys, separated like PATH or one a line → trusted-keys.json.
 * SCRIVANIA_DEFAULT_PROFILE_URL: an http:// or https:// address → default-profile-url.json.
 * A variable that is unset removes its file, so an earlier build's values never linger.
 */
export const writeInstallationFiles = (env, distDir) => {
  const trustedKeys = (env.SCRIVANIA_TRUSTED_KEYS ?? '')
    .split(new RegExp(`[${delimiter}\n]`))
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => (entry.endsWith('.pem') ? readFileSync(entry, 'utf8') : entry));
  const profileUrl = (env.SCRIVANIA_DEFAULT_PROFILE_URL ?? '').trim();
  if (profileUrl !== '' && !isHttpUrl(profileUrl))
    throw new Error(`SCRIVANIA_DEFAULT_PROFILE_URL must be an http:// or https:// address, not "${profileUrl}"`);

  mkdirSync(distDir, { recursive: true });
  writeOrRemove(join(distDir, 'trusted-keys.json'), trustedKeys.length > 0 ? trustedKeys : undefined);
  writeOrRemove(join(distDir, 'default-profile-url.json'), profileUrl === '' ? undefined : { url: profileUrl });
  return { trustedKeys: trustedKeys.length, profileUrl: profileUrl === '' ? undefined : profileUrl };
};

const isHttpUrl = (text) => {
  try {
    return ['http:', 'https:'].includes(new URL(text).protocol);
  } catch {
    return false;
  }
};

const writeOrRemove = (file, value) => {
  if (value === undefined) rmSync(file, { force: true });
  else writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);
};
