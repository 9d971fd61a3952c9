import { secretsNeeded } from '../../../../../common/profiles/secrets-needed';
import type { SelfTestCheckDefinition } from '../check';
import { verdict } from '../check';

/**
 * The keychain answers (looked at without writing) and holds every password the configuration needs; where it keeps
 * what is deleted (KeePassXC), the verdict says how to remove those copies.
 */
export const keychainCheck: SelfTestCheckDefinition = {
  id: 'keychain',
  timeoutMs: 8_000,
  run: async ({ credentials, effective }) => {
    const availability = await credentials.status();
    if (!availability.available) return verdict('fail', 'keychain', 'unavailable', { detail: availability.reason });
    // Asking whether a password is saved would open the unlock window in the middle of the check.
    if (availability.locked) return verdict('warn', 'keychain', 'locked', { detail: 'the keychain is locked' });
    const needed = secretsNeeded(effective.config);
    const missing: string[] = [];
    for (const secret of needed) if (!(await credentials.has(secret.id))) missing.push(secret.id);
    if (missing.length > 0)
      return verdict('warn', 'keychain', 'missing', {
        params: { missing: missing.join(', '), count: missing.length },
        detail: `not saved: ${missing.join(', ')}`,
      });
    const saved = needed.map((secret) => secret.id).join(', ');
    return verdict('pass', 'keychain', availability.keepsDeleted ? 'keepsDeleted' : 'ok', {
      params: { count: needed.length },
      detail: saved ? `saved: ${saved}` : 'no password needed',
      action: false,
    });
  },
};
