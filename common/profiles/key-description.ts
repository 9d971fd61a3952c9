import { z } from 'zod';

/**
 * What a configuration or policy key does, in both languages the app speaks, written next to the field in its zod
 * schema: `.meta(keyDescription({ en: '…', it: '…' }))`. The admin templates explain every key with it. Metadata
 * lives in zod's registry beside the schema, so parsing is unchanged.
 */
export const KeyDescription = z.object({ en: z.string(), it: z.string() });
export type KeyDescription = z.infer<typeof KeyDescription>;

/** The `.meta()` argument: the English text is also the schema's plain `description`. */
export const keyDescription = (texts: KeyDescription): { description: string; keyDescription: KeyDescription } => ({ description: texts.en, keyDescription: texts });

/** The two-language description set on this very schema (not on one it wraps), if any. */
export const keyDescriptionOf = (schema: z.ZodType): KeyDescription | undefined => {
  const parsed = KeyDescription.safeParse(z.globalRegistry.get(schema)?.['keyDescription']);
  return parsed.success ? parsed.data : undefined;
};
