import { z } from 'zod';

export const ContractErrorCode = z.enum(['bad-request', 'unknown-member', 'forbidden', 'failed', 'closed']);
export type ContractErrorCode = z.infer<typeof ContractErrorCode>;

export const ContractErrorBody = z.object({
  code: ContractErrorCode,
  /** One line a person can act on, naming what was wrong. */
  message: z.string(),
  /** The JSON path of the offending field, for bad-request. */
  path: z.string().optional(),
});
export type ContractErrorBody = z.infer<typeof ContractErrorBody>;

export class ContractError extends Error {
  override readonly name = 'ContractError';
  constructor(
    readonly code: ContractErrorCode,
    message: string,
    readonly path?: string,
  ) {
    super(message);
  }

  toBody(): ContractErrorBody {
    return this.path === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, path: this.path };
  }
}

/** `a.b[2].c` from zod's path array; `(root)` for the value itself. */
export const formatPath = (path: readonly PropertyKey[]): string => {
  if (path.length === 0) return '(root)';
  return path.map((part, index) => (typeof part === 'number' ? `[${part}]` : `${index === 0 ? '' : '.'}${String(part)}`)).join('');
};

/** The first issue of a failed parse as a one-line ContractError: `app.info: field "x" — expected string`. */
export const badRequest = (what: string, error: z.ZodError): ContractError => {
  const issue = error.issues[0];
  if (!issue) return new ContractError('bad-request', `${what}: invalid payload`);
  // An unexpected key is reported on its parent; name the key itself, which is what the sender got wrong.
  const keys = issue.code === 'unrecognized_keys' ? issue.keys.slice(0, 1) : [];
  const path = formatPath([...issue.path, ...keys]);
  return new ContractError('bad-request', `${what}: ${path} — ${issue.message}`, path);
};
