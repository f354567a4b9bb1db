import { describe, expect, it } from 'vitest';
import type { DeductionKind } from '../api/types';
import { capText } from './caps';

const zh = (text: string) => text;
const en = (_: string, text: string) => text;

// As the tax rules of 2022/2023 (payroll tax/documents/cn-iit-*.json) state them.
const pension = {
  label_zh: '个人养老金', label_en: 'private pension', group: 'other', clause: '', per_unit: false, unit_zh: '', annual_cap: '12000.00', exclusive_with: [],
  variants: { standard: { label_zh: '标准', label_en: 'standard', monthly_cap: '12000.00', annual_cap: null, once_a_year: false } },
} as DeductionKind;
const children = {
  label_zh: '子女教育', label_en: 'children education', group: 'special_additional', clause: '', per_unit: true, unit_zh: '子女', annual_cap: null, exclusive_with: [],
  variants: { standard: { label_zh: '标准', label_en: 'standard', monthly_cap: '2000.00', annual_cap: null, once_a_year: false } },
} as DeductionKind;
const education = {
  label_zh: '继续教育', label_en: 'continuing education', group: 'special_additional', clause: '', per_unit: false, unit_zh: '', annual_cap: null, exclusive_with: [],
  variants: { vocational: { label_zh: '职业资格', label_en: 'vocational', monthly_cap: null, annual_cap: '3600.00', once_a_year: true } },
} as DeductionKind;

describe('a deduction’s cap in words', () => {
  it('states the year’s cap of a kind capped over the year, not its months', () => {
    expect(capText(pension.variants.standard, pension, zh)).toBe('每年 ¥12,000.00');
    expect(capText(pension.variants.standard, pension, en)).toBe('¥12,000.00 a year');
  });

  it('states a month’s cap as well where it is lower than the year’s', () => {
    const monthly = { ...pension.variants.standard, monthly_cap: '1000.00' };
    expect(capText(monthly, pension, zh)).toBe('每月 ¥1,000.00，每年 ¥12,000.00');
  });

  it('keeps monthly caps, per unit where they count per child, and once-a-year items', () => {
    expect(capText(children.variants.standard, children, zh)).toBe('每月 ¥2,000.00/每子女');
    expect(capText(education.variants.vocational, education, zh)).toBe('每年 ¥3,600.00');
  });
});
