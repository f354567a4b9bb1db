import { describe, expect, it } from 'vitest';
import { schemaProblems } from './SchemaOutline';

const schema = { type: 'object', required: ['name', 'posts'], additionalProperties: false, properties: { name: { type: 'string' }, posts: { type: 'object' }, notes: { type: 'array' } } };

describe('the scheme document against the API schema', () => {
  it('names required fields missing and fields the schema does not know', () => {
    expect(schemaProblems(schema, { name: 'NX', notes: [], bonus: 1 })).toEqual({ missing: ['posts'], unknown: ['bonus'] });
    expect(schemaProblems(schema, { name: 'NX', posts: {} })).toEqual({ missing: [], unknown: [] });
    expect(schemaProblems({ ...schema, additionalProperties: true }, { name: 'NX', posts: {}, extra: 1 }).unknown).toEqual([]);
    expect(schemaProblems(schema, null)).toEqual({ missing: [], unknown: [] });
  });
});
