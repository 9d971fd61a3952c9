import { z } from 'zod';
import type { JsonSchema } from './json-schema';

/**
 * What a configuration or policy key does, in both languages the app speaks, written next to the field in its zod
 * schema: `.meta(keyDescription({ en: '…', it: '…' }))`. The admin templates explain every key with it. Metadata
 * lives in zod's registry beside the schema, so parsing is unchanged; z.toJSONSchema copies it into the JSON Schema.
 */
export const KeyDescription = z.object({ en: z.string(), it: z.string() });
export type KeyDescription = z.infer<typeof KeyDescription>;

/** The `.meta()` argument: the English text is also the schema's plain `description`. */
export const keyDescription = (texts: KeyDescription): { description: string; keyDescription: KeyDescription } => ({
  description: texts.en,
  keyDescription: texts,
});

/** The two-language description a schema's JSON Schema carries, copied there from its metadata, if any. */
export const keyDescriptionOf = (schema: JsonSchema): KeyDescription | undefined => {
  const parsed = KeyDescription.safeParse(schema['keyDescription']);
  return parsed.success ? parsed.data : undefined;
};
