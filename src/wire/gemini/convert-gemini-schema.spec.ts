import { describe, expect, it } from 'vitest';
import { geminiSchemaToJsonSchema } from './convert-gemini-schema';

describe('geminiSchemaToJsonSchema', () => {
  it('lower-cases types in every schema position but leaves a property named "type" alone', () => {
    expect(
      geminiSchemaToJsonSchema({
        type: 'OBJECT',
        properties: {
          type: { type: 'STRING', enum: ['A', 'B'] },
          tags: { type: 'ARRAY', items: { type: 'STRING' }, maxItems: '3' },
          choice: { anyOf: [{ type: 'INTEGER' }, { type: 'BOOLEAN' }] },
        },
        required: ['type'],
      }),
    ).toEqual({
      type: 'object',
      properties: {
        type: { type: 'string', enum: ['A', 'B'] },
        tags: { type: 'array', items: { type: 'string' }, maxItems: 3 },
        choice: { anyOf: [{ type: 'integer' }, { type: 'boolean' }] },
      },
      required: ['type'],
    });
  });

  it('turns OpenAPI nullable into a JSON Schema type union', () => {
    expect(geminiSchemaToJsonSchema({ type: 'NUMBER', nullable: true, description: 'd' })).toEqual({ type: ['number', 'null'], description: 'd' });
  });

  it('keeps example values untouched even when they look like schemas', () => {
    expect(geminiSchemaToJsonSchema({ type: 'OBJECT', example: { type: 'KEEP' } })).toEqual({ type: 'object', example: { type: 'KEEP' } });
  });
});
