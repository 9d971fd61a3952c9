import { z } from 'zod';

export type JsonSchema = z.core.JSONSchema.JSONSchema;

/**
 * The JSON Schema (draft 2020-12) of a configuration schema, for what a file may hold: zod's input side, so a field
 * with a default may be left out. The metadata set with `.meta()` (descriptions, `keyDescription`) comes along, and
 * what JSON Schema cannot say (a custom check) accepts anything. The admin templates are generated from it, and it
 * is what editors can check a profile with.
 */
export const configJsonSchema = (schema: z.ZodType): JsonSchema => z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' });
