import { describe, expect, it } from 'vitest';
import { figureValue } from './ReferenceFiguresPage';

describe('reference figure values', () => {
  it('shows a rate as a percentage moved as text, an amount as yuan', () => {
    expect(figureValue('housing_fund_rate', '0.1200')).toBe('12.00%');
    expect(figureValue('housing_fund_rate', '0.0575')).toBe('5.75%');
    expect(figureValue('housing_fund_rate', '1.0000')).toBe('100.00%');
    expect(figureValue('avg_wage_annual', '98765.40')).toBe('¥98,765.40');
  });
});
