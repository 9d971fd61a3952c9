import type { Problem, ProblemCode, ProblemParams } from '../../common/contract/problems';

/**
 * A request a service turns down for a reason the employee can act on. The contract session sends it as a
 * `forbidden` (the help desk or policy locked it) or `failed` ContractError carrying this one line as the technical
 * detail and, when the service names one, the problem the renderer's catalogue turns into the employee's language.
 */
export class Refusal extends Error {
  override readonly name = 'Refusal';
  constructor(
    message: string,
    readonly kind: 'forbidden' | 'failed' | 'bad-request' = 'failed',
    readonly problem?: Problem,
  ) {
    super(message);
  }

  /** A refusal with a catalogue code: `Refusal.because('updates.disabled', 'updates are turned off…', 'forbidden')`. */
  static because(code: ProblemCode, detail: string, kind: Refusal['kind'] = 'failed', params?: ProblemParams): Refusal {
    return new Refusal(detail, kind, params === undefined ? { code } : { code, params });
  }
}
