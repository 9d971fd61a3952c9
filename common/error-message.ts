/** What went wrong: an Error's message, or whatever else was thrown as text. */
export const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** The message with every run of whitespace, line breaks included, as one space. */
export const oneLineMessageOf = (error: unknown): string => messageOf(error).replace(/\s+/g, ' ').trim();

/** Only the message's first line, for messages that go on with a stack or a dump of the input. */
export const firstLineMessageOf = (error: unknown): string => messageOf(error).split('\n', 1)[0] ?? '';
