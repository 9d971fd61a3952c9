import { describe, expect, it } from 'vitest';
import { configJsonSchema, type JsonSchema } from '../../../common/profiles/json-schema';
import { Profile } from '../../../common/profiles/profile-schema';

describe('configJsonSchema', () => {
  const schema = configJsonSchema(Profile);
  const property = (node: JsonSchema, name: string): JsonSchema => node.properties?.[name] as JsonSchema;

  it('describes a profile as a file holds it: fields with a default may be left out', () => {
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.required).toEqual(['schemaVersion', 'id', 'serial', 'issuedAt', 'expiresAt', 'organization']);
    expect(schema.additionalProperties).toBe(false);
  });

  it('carries the descriptions written next to each field in both languages', () => {
    const server = property(property(schema, 'phone'), 'server');
    expect(server).toMatchObject({ type: 'string', format: 'uri' });
    expect(server.description).toMatch(/^The PBX's SIP over WebSocket address/);
    expect(server['keyDescription']).toMatchObject({ en: server.description, it: expect.stringMatching(/^Indirizzo SIP/) });
  });
});
