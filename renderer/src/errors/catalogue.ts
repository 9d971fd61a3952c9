import type { TFunction } from 'i18next';
import { ContractError } from '../../../common/contract/errors';
import { messageOf } from '../../../common/error-message';
import type { Problem, ProblemCode, ProblemParams, ProblemReport } from '../../../common/contract/problems';

/** An error as the employee is shown it: what the catalogue says, and the technical line behind "Details". */
export interface ShownError {
  problem: Problem;
  /** The technical line for Details; absent when there is nothing more to say. */
  detail?: string | undefined;
}

/** The catalogue's key of a code: `profiles.untrusted-key` → `error.profiles.untrusted-key` in assets/locales. */
export const catalogueKey = (code: ProblemCode): string => `error.${code}`;

const genericFor = (error: unknown): ProblemCode => {
  if (!(error instanceof ContractError)) return 'generic.failed';
  switch (error.code) {
    case 'closed':
      return 'generic.closed';
    case 'forbidden':
      return 'generic.forbidden';
    case 'bad-request':
      return 'generic.bad-request';
    default:
      return 'generic.failed';
  }
};

const isProblemReport = (value: unknown): value is ProblemReport =>
  typeof value === 'object' && value !== null && typeof (value as ProblemReport).code === 'string' && 'detail' in value;

const isShownError = (value: unknown): value is ShownError =>
  typeof value === 'object' && value !== null && typeof (value as ShownError).problem?.code === 'string';

/**
 * Whatever was thrown or reported, as what the employee is told: main's problem when it named one, else the generic
 * sentence for the kind of failure; the message always goes to Details.
 */
export const shownErrorOf = (error: unknown): ShownError => {
  if (error instanceof ContractError && error.problem) return { problem: error.problem, detail: error.message };
  if (error instanceof Error) return { problem: { code: genericFor(error) }, detail: error.message };
  if (isShownError(error)) return error;
  if (isProblemReport(error)) {
    const { detail, ...problem } = error;
    return { problem, detail };
  }
  return { problem: { code: 'generic.failed' }, detail: messageOf(error) };
};

/** A problem the renderer itself found (a field left empty, a malformed address), with no technical side. */
export const shown = (code: ProblemCode, params?: ProblemParams, detail?: string): ShownError => ({
  problem: params === undefined ? { code } : { code, params },
  detail,
});

const DATE_PARAMS = new Set(['date']);

/** The values a sentence names, in the employee's language: dates written out, 0,3 in Italian, a label in the right language. */
const localParams = (params: ProblemParams, language: string): Record<string, string | number> => {
  const local: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(params)) {
    local[name] =
      DATE_PARAMS.has(name) && typeof value === 'string' && !Number.isNaN(Date.parse(value))
        ? new Date(value).toLocaleDateString(language, { dateStyle: 'long' })
        : typeof value === 'number'
          ? value.toLocaleString(language, { useGrouping: false })
          : value;
  }
  // A label the profile gives in both languages, such as a user field's.
  if (typeof params['en'] === 'string' && typeof params['it'] === 'string')
    local['field'] = language === 'it' ? params['it'] : params['en'];
  return local;
};

/** The sentence of what happened and what to do, in the language `t` speaks. */
export const sentenceOf = (t: TFunction, language: string, problem: Problem): string =>
  t(catalogueKey(problem.code), localParams(problem.params ?? {}, language));

/** As shownErrorOf, but a failure main gave no problem for is told with `fallback`, the sentence of what was being done. */
export const shownErrorOr = (error: unknown, fallback: ProblemCode): ShownError => {
  const told = shownErrorOf(error);
  return told.problem.code.startsWith('generic.') && told.problem.code !== 'generic.closed'
    ? { ...told, problem: { code: fallback } }
    : told;
};
