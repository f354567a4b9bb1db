import { describe, expect, it } from 'vitest';
import { explainText, explainValue, pickLanguage } from './payslip-words';

// Texts as the payroll engine writes them (services/payroll/src/payroll/calculation/engine.py).
describe('payslip words', () => {
  it('picks the reader\'s side of a bilingual text, either order, and inside brackets', () => {
    expect(pickLanguage('no final result yet / 暂无考核结果', 'zh')).toBe('暂无考核结果');
    expect(pickLanguage('no final result yet / 暂无考核结果', 'en')).toBe('no final result yet');
    expect(pickLanguage('经批准补发 / back pay decided by the office', 'zh')).toBe('经批准补发');
    expect(explainText('900.00 × 1.0000 / 3.0000 → 300.00 (最大余数法分至分 / largest remainder to the fen)', 'zh')).toBe(
      '900.00 × 1.0000 / 3.0000 → 300.00（最大余数法分至分）',
    );
    // Only a split between Chinese and English is a choice: "a / b" of figures stays.
    expect(pickLanguage('9300.00 / 12 = 775.00', 'zh')).toBe('9300.00 / 12 = 775.00');
  });

  it('translates the contribution base, with the figures it was clamped to, without touching a figure', () => {
    const base = 'standard pay 5595.00 clamped to [4211.00, 21054.00] (2024 宁夏 social insurance base floor (official, published 2025-06-30); '
      + '2024 宁夏 social insurance base ceiling (provisional, published 2025-03-01)) = 5595.00';
    expect(explainText(base, 'zh')).toBe(
      '标准工资 5595.00，限定在下限 4211.00 与上限 21054.00 之间 (2024年宁夏社保缴费基数下限（正式公布，2025-06-30公布）; '
        + '2024年宁夏社保缴费基数上限（暂定，2025-03-01公布）) = 5595.00',
    );
    expect(explainText(base, 'en')).toBe(base);
  });

  it('translates proration, tax, retirement and seniority workings and names the codes they carry', () => {
    expect(explainText('20 + 10 × 80% probation days of 30', 'zh')).toBe('在岗 20 天 + 试用期 10 天 × 80%，本月共 30 天');
    expect(explainText('full month', 'zh')).toBe('整月');
    expect(explainText('12000.00 × 3% − 0.00 − 150.00 withheld = 210.00', 'zh')).toBe('12000.00 × 3% − 0.00 − 已预扣 150.00 = 210.00');
    expect(explainText('central, 12.50 ≥ 10 years, retired → 300.00', 'zh')).toBe('党中央、国务院表彰, 12.50 ≥ 10 年，已退休 → 300.00');
    expect(explainText('300.00 × 12 / 30 = 120.00 (retired from 2026-10-19)', 'zh')).toBe('300.00 × 12 / 30 = 120.00（2026-10-19 起退休）');
    expect(explainText('grade_pay[nx_staff][2] = 3300.00', 'zh')).toBe('等级薪酬表（专职工作人员 2级） = 3300.00');
    expect(explainText('dazhuan → 480.00', 'zh')).toBe('大专 → 480.00');
    expect(explainText('social_worker → 300.00', 'zh')).toBe('社会工作师 → 300.00');
    expect(explainText('5595.00 + employer 1980.64 = 7575.64', 'zh')).toBe('5595.00 + 单位缴纳 1980.64 = 7575.64');
    expect(explainText('1000.00 prorated (20 + 10 × 80% probation days of 30) = 933.33', 'zh')).toBe(
      '1000.00 按出勤折算（在岗 20 天 + 试用期 10 天 × 80%，本月共 30 天) = 933.33',
    );
    expect(explainText('scheme default rate', 'zh')).toBe('方案默认比例');
  });

  it('names an object\'s keys and says yes or no', () => {
    expect(explainValue({ children_education: '4000.00', housing_rent: '3000.00' }, 'zh')).toBe('子女教育 4000.00；住房租金 3000.00');
    expect(explainValue(false, 'zh')).toBe('否');
    expect(explainValue('township', 'zh')).toBe('乡镇（街道）');
  });
});
