import { describe, expect, it } from 'vitest';
import { figureValue } from '@/features/reference-figures/routes/ReferenceFiguresPage';
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

describe('reference figure values', () => {
  it('shows a rate as a percentage moved as text, an amount as yuan', () => {
    expect(figureValue('housing_fund_rate', '0.1200')).toBe('12.00%');
    expect(figureValue('housing_fund_rate', '0.0575')).toBe('5.75%');
    expect(figureValue('housing_fund_rate', '1.0000')).toBe('100.00%');
    expect(figureValue('avg_wage_annual', '98765.40')).toBe('¥98,765.40');
  });
});
