import { z } from 'zod';
import { Problem } from './problems';

export const ContractErrorCode = z.enum(['bad-request', 'unknown-member', 'forbidden', 'failed', 'closed']);
export type ContractErrorCode = z.infer<typeof ContractErrorCode>;

export const ContractErrorBody = z.object({
  code: ContractErrorCode,
  /** One line a person can act on, naming what was wrong. */
  message: z.string(),
  /** The JSON path of the offending field, for bad-request. */
  path: z.string().optional(),
  /** What the employee is told, in their language: a catalogue code and its values. `message` is then the Details. */
  problem: Problem.optional(),
});
export type ContractErrorBody = z.infer<typeof ContractErrorBody>;

/** How much of what it refuses an error quotes: a name or a value, never a whole hostile input. */
const QUOTED_CHARACTERS = 200;
/** An error's whole line: what was wrong, where, and the validator's reason, each part quoted short. */
const MESSAGE_CHARACTERS = 600;

/** `text` as it is when short, else its start and how long it was. */
export const excerpt = (text: string, characters = QUOTED_CHARACTERS): string =>
  text.length <= characters ? text : `${text.slice(0, characters)}… (${text.length} characters)`;

export class ContractError extends Error {
  override readonly name = 'ContractError';
  readonly path: string | undefined;
  constructor(
    readonly code: ContractErrorCode,
    message: string,
    path?: string,
    readonly problem?: Problem,
  ) {
    super(excerpt(message, MESSAGE_CHARACTERS));
    this.path = path === undefined ? undefined : excerpt(path);
  }

  toBody(): ContractErrorBody {
    return {
      code: this.code,
      message: this.message,
      ...(this.path === undefined ? {} : { path: this.path }),
      ...(this.problem === undefined ? {} : { problem: this.problem }),
    };
  }

  static fromBody(body: ContractErrorBody): ContractError {
    return new ContractError(body.code, body.message, body.path, body.problem);
  }
}

/**
 * Electron's contextBridge copies only an Error's message: the preload puts the whole body in it
 * (`bridgedError`) and the renderer's bridge reads it back (`unbridgedError`), so the code and problem survive.
 */
const BRIDGED_MARK = 'scrivania-contract-error:';

export const bridgedError = (error: unknown): unknown =>
  error instanceof ContractError ? new Error(`${BRIDGED_MARK}${JSON.stringify(error.toBody())}`) : error;

export const unbridgedError = (error: unknown): unknown => {
  if (!(error instanceof Error)) return error;
  const at = error.message.indexOf(BRIDGED_MARK);
  if (at < 0) return error;
  try {
    const body = ContractErrorBody.safeParse(JSON.parse(error.message.slice(at + BRIDGED_MARK.length)));
    return body.success ? ContractError.fromBody(body.data) : error;
  } catch {
    return error;
  }
};

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
  return new ContractError('bad-request', `${excerpt(what)}: ${excerpt(path)} — ${excerpt(issue.message)}`, path);
};
