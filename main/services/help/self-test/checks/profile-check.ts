import type { SelfTestCheckDefinition } from '../check';
import { verdict } from '../check';

const DAY_MS = 86_400_000;
const EXPIRY_WARNING_DAYS = 7;

/** An active, trusted profile that has not expired, whose address answers, and that applies without problems. */
export const profileCheck: SelfTestCheckDefinition = {
  id: 'profile',
  timeoutMs: 2_000,
  run: async ({ profile, profilesState, effective, now }) => {
    const lastCheck = profilesState.lastCheck;
    if (!profile) {
      const why = lastCheck?.reason ? `last import ${lastCheck.result}: ${lastCheck.reason}` : 'no profile was imported';
      return verdict('fail', 'profile', 'none', { detail: why });
    }
    const { id, serial, expiresAt, organization } = profile.profile;
    const facts = `${id} serial ${serial}, key ${profile.keyId}, from ${profile.source}, expires ${expiresAt}`;
    const daysLeft = Math.floor((Date.parse(expiresAt) - now().getTime()) / DAY_MS);
    const params = { organization: organization.name, days: Math.max(daysLeft, 0) };
    if (Date.parse(expiresAt) <= now().getTime()) return verdict('fail', 'profile', 'expired', { params, detail: facts });
    if (profile.lastCheck?.result === 'failed' || profile.lastCheck?.result === 'refused') {
      return verdict('warn', 'profile', profile.lastCheck.result === 'failed' ? 'updateFailed' : 'updateRefused', {
        params,
        detail: `${facts}; ${profile.lastCheck.reason ?? ''}`,
      });
    }
    const problems = [...profilesState.problems.map((problem) => problem.detail), ...effective.problems];
    if (problems.length > 0)
      return verdict('warn', 'profile', 'problems', {
        params: { ...params, count: problems.length },
        detail: `${facts}; ${problems.join('; ')}`,
      });
    if (effective.missingUserFields.length > 0)
      return verdict('warn', 'profile', 'missingDetails', {
        params: { ...params, fields: effective.missingUserFields.join(', ') },
        detail: facts,
      });
    if (daysLeft < EXPIRY_WARNING_DAYS)
      return verdict('warn', 'profile', 'expiresSoon', { params: { ...params, count: params.days }, detail: facts });
    return verdict('pass', 'profile', 'ok', { params, detail: facts, action: false });
  },
};
