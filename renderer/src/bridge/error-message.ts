/** What went wrong, as the one line main sent (a ContractError's message) or whatever else was thrown. */
export const messageOf = (failure: unknown): string => (failure instanceof Error ? failure.message : String(failure));
