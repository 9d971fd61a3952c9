/** Wrong usage of a command: it prints the one line and its usage, and exits 2. */
export class UsageError extends Error {}

/** node:util's parseArgs refusing an option it does not know or a value it cannot take: wrong usage too. */
export const isParseArgsError = (error: unknown): error is Error =>
  error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS');
