import type { EffectiveConfiguration } from '../../profiles/effective-config';
import { REDACTED, redactValue } from '../../logging/redaction';

const URL_TEXT = /^(?:https?|wss?|webcal|sips?|stuns?|turns?):/i;

/** A URL without its secrets: userinfo and every query value removed, and for a calendar the path too. */
const redactUrlText = (text: string, hidePath: boolean): string => {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return text;
  }
  if (!url.host) return text;
  const userinfo = url.username || url.password ? `${REDACTED}@` : '';
  const query = [...url.searchParams.keys()].map((key) => `${key}=${REDACTED}`).join('&');
  const path = hidePath && url.pathname !== '/' ? `/${REDACTED}` : url.pathname;
  return `${url.protocol}//${userinfo}${url.host}${path}${query ? `?${query}` : ''}${url.hash ? `#${REDACTED}` : ''}`;
};

const redactUrls = (value: unknown, hidePath: boolean): unknown => {
  if (typeof value === 'string') return URL_TEXT.test(value) ? redactUrlText(value, hidePath) : value;
  if (Array.isArray(value)) return value.map((item) => redactUrls(item, hidePath));
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, redactUrls(item, hidePath)]));
};

/**
 * The effective configuration as the help desk may read it: secret-named keys (ICE credentials, passwords),
 * registered secrets and secret shapes gone, every URL without userinfo or query values, and calendar
 * subscription addresses without their path, which for private ICS feeds is the secret itself. Its problems are
 * the configuration's and the profile service's (policy, trusted keys, storage).
 */
export const redactedConfiguration = (effective: EffectiveConfiguration, profileProblems: readonly string[]): Record<string, unknown> => {
  const { calendars, ...sections } = effective.config;
  const config = { ...(redactUrls(sections, false) as Record<string, unknown>), calendars: redactUrls(calendars, true) };
  return redactValue({
    config,
    locks: effective.locks,
    userFields: effective.userFields,
    missingUserFields: effective.missingUserFields,
    problems: [...effective.problems, ...profileProblems],
  }) as Record<string, unknown>;
};
