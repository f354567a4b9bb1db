import { describe, expect, it } from 'vitest';
import { assessmentBasis, daysLeftText, renewalCondition, renewalConfirmText, renewalStatusColor, renewalStatusLabel } from './renewal';

describe('contract renewal words', () => {
  it('names every eligibility in Chinese, with a colour for the decisive ones', () => {
    expect(renewalStatusLabel('eligible', 'zh')).toBe('符合续聘条件');
    expect(renewalStatusLabel('not_eligible', 'zh')).toBe('不符合续聘条件');
    expect(renewalStatusLabel('pending', 'zh')).toBe('待考核结果确定');
    expect(renewalStatusLabel('no_condition', 'zh')).toBe('未规定续聘条件');
    expect(renewalStatusLabel('assessment_unavailable', 'en')).toBe('Assessment service unavailable');
    expect(renewalStatusColor('not_eligible')).toBe('red');
    expect(renewalStatusColor('no_condition')).toBeUndefined();
  });

  it('says which result the renewal rests on, or what is missing', () => {
    expect(assessmentBasis({ last_result: { year: 2025, result: 'basically_competent' }, renewal_condition: 'competent' }, 'zh')).toBe('2025 年度 基本合格');
    expect(assessmentBasis({ last_result: null, assessment_years: [2025], renewal_condition: 'competent' }, 'zh')).toBe('2025 年度尚无确定结果');
    expect(assessmentBasis({ last_result: null, renewal_condition: null }, 'zh')).toBe('不要求');
    expect(renewalCondition('competent', 'zh')).toBe('聘期最后年度考核合格以上');
    expect(renewalCondition(null, 'zh')).toBe('适用的政策文件未规定');
  });

  it('counts the days to the end and past it', () => {
    expect(daysLeftText(30, 'zh')).toBe('30 天');
    expect(daysLeftText(0, 'zh')).toBe('今天到期');
    expect(daysLeftText(-31, 'zh')).toBe('已到期 31 天');
    expect(daysLeftText(-2, 'en')).toBe('ended 2 days ago');
  });

  it('confirms the new term, a shorter end taking the place of the full term', () => {
    const renewal = { next_start: '2026-01-01', next_end: '2028-12-31', last_result: { year: 2025, result: 'competent' }, renewal_condition: 'competent' };
    expect(renewalConfirmText('张丽', renewal, null, 'zh')).toBe('为 张丽 续聘：新合同 2026-01-01 至 2028-12-31（考核依据：2025 年度 合格）。');
    expect(renewalConfirmText('张丽', renewal, '2027-12-31', 'zh')).toContain('至 2027-12-31');
  });
});
