/**
 * The secret values this process has learned (keychain passwords, per-run and per-session tokens, ICE credentials).
 * Whatever learns one registers it once; every logger then replaces it wherever it appears.
 */

/** Shorter values would blank out ordinary words and numbers all over the logs. */
const MIN_SECRET_LENGTH = 5;
/** Per-session tokens keep arriving; the oldest are forgotten first, long after their session ended. */
const MAX_SECRETS = 1_000;

const secrets = new Set<string>();
let longestFirst: string[] | undefined;

/** Remembers a secret, and its base64 form, for redaction; values too short to redact safely are ignored. */
export const registerSecret = (value: string | null | undefined): void => {
  if (typeof value !== 'string' || value.length < MIN_SECRET_LENGTH) return;
  for (const form of [value, Buffer.from(value).toString('base64')]) {
    secrets.delete(form);
    secrets.add(form);
  }
  while (secrets.size > MAX_SECRETS) secrets.delete(secrets.values().next().value as string);
  longestFirst = undefined;
};

/** Longest first, so a secret that contains another is replaced whole. */
export const knownSecrets = (): readonly string[] => (longestFirst ??= [...secrets].sort((a, b) => b.length - a.length));
