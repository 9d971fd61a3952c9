/**
 * A request a service turns down for a reason the employee can act on. The contract session sends it as a
 * `forbidden` (the help desk or policy locked it) or `failed` ContractError carrying this one line.
 */
export class Refusal extends Error {
  override readonly name = 'Refusal';
  constructor(
    message: string,
    readonly kind: 'forbidden' | 'failed' = 'failed',
  ) {
    super(message);
  }
}
