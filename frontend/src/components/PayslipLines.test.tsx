import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderPage } from '@/test/render';
import { clauseWords, PayslipLines, signedAmount } from './PayslipLines';

const NX = 'NX：街道（乡镇）为其缴纳社会保险和住房公积金';
const FUND = 'NX：自治区财政以实际在岗人数全口径补助';
// As the payslip states them: the policy text by its Chinese name, never its short code.
const NX_SHOWN = '宁夏《实施意见》：街道（乡镇）为其缴纳社会保险和住房公积金';
const FUND_SHOWN = '宁夏《实施意见》：自治区财政以实际在岗人数全口径补助';

function line(position: number, kind: string, code: string, label: string, amount: string, clause: string | null, inputs: Record<string, unknown> | null = null) {
  return { position, code, label_zh: label, label_en: code, amount, kind, clause, inputs, arrears_month: null };
}

const payslip = {
  run_id: 'r1', worker_id: 'w1', month: '2026-10', kind: 'monthly', worker_name: '胡辉', community_code: '640104001001',
  township_code: '640104001', county_code: '640104', post: 'nx_staff', post_label: '专职工作人员', grade_level: 2,
  gross: '5595.00', social_insurance: '559.50', housing_fund: '671.40', tax: '0.00', net: '4364.10', employer_cost: '1980.64',
  arrears: '0.00', run_state: 'approved', funding: {}, inputs: {},
  lines: [
    line(1, 'earning', 'base', '基本薪酬', '5115.00', 'NX：基本薪酬按55%确定', { formula: '55% × 9300.00 = 5115.00', figure_id: 8 }),
    line(2, 'earning', 'education', '学历津贴', '480.00', 'NX：学历津贴', { formula: 'dazhuan → 480.00' }),
    line(3, 'deduction', 'si_pension', '个人养老保险', '447.60', NX, { base: '5595.00', formula: '5595.00 × 8% = 447.60' }),
    line(4, 'deduction', 'si_medical', '个人医疗保险', '111.90', NX, { formula: '5595.00 × 2% = 111.90' }),
    line(5, 'deduction', 'housing_fund', '个人住房公积金', '671.40', '住房公积金缴存比例5%–12%', { formula: '5595.00 × 12% = 671.40' }),
    line(6, 'employer', 'employer_si_pension', '单位养老保险', '895.20', NX, { formula: '5595.00 × 16% = 895.20', illustrative: 'employer rates are illustrative' }),
    line(7, 'info', 'funding_region', '自治区/省级财政承担', '1119.00', FUND, { formula: '20% × 5595.00' }),
    line(8, 'info', 'funding_county', '县（区）级财政承担', '2238.00', FUND, { formula: '40% × 5595.00' }),
  ],
};

describe('PayslipLines', () => {
  it('signs deductions, keeps employer and fiscal lines apart, shows each clause once per section and the figures', () => {
    renderPage(<PayslipLines payslip={payslip as never} />);
    const deductions = screen.getByTestId('payslip-section-deduction');
    expect(within(deductions).getAllByTestId('line-amount').map((node) => node.textContent)).toEqual(['−¥447.60', '−¥111.90', '−¥671.40']);
    // Two clauses in the section: each stated once in the footer, lines point to them by number.
    const clauses = within(deductions).getByTestId('section-clauses').textContent!;
    expect(clauses.split(NX_SHOWN).length - 1).toBe(1);
    expect(clauses).not.toContain('NX');
    expect(clauses).toContain('〔1〕');
    expect(clauses).toContain('〔2〕');
    expect(within(deductions).getByText('5595.00 × 8% = 447.60')).toBeInTheDocument();
    expect(within(deductions).getByText('缴费基数：')).toBeInTheDocument();

    const earnings = screen.getByTestId('payslip-section-earning');
    expect(within(earnings).getAllByTestId('line-amount').map((node) => node.textContent)).toEqual(['¥5,115.00', '¥480.00']);
    expect(within(earnings).queryByText(/figure_id/)).toBeNull();

    // Employer contributions and fiscal shares: apart, after the worker's own lines, unsigned.
    const apart = screen.getByTestId('payslip-apart');
    expect(within(apart).getByTestId('payslip-section-employer')).toBeInTheDocument();
    const funding = within(apart).getByTestId('payslip-section-funding');
    expect(within(funding).getByTestId('section-clauses').textContent!.split(FUND_SHOWN).length - 1).toBe(1);
    expect(within(funding).getAllByTestId('line-amount').map((node) => node.textContent)).toEqual(['¥1,119.00', '¥2,238.00']);
    expect(within(apart).queryByText('employer rates are illustrative')).toBeNull();
    expect(within(screen.getByTestId('payslip-lines')).queryByTestId('payslip-section-employer')).not.toBeNull();
    expect(deductions.compareDocumentPosition(apart) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  });

  it('names the policy texts the clauses cite, in Chinese', () => {
    renderPage(<PayslipLines payslip={payslip as never} />);
    const earnings = within(screen.getByTestId('payslip-section-earning')).getByTestId('section-clauses').textContent!;
    expect(earnings).toContain('依据〔1〕：宁夏《实施意见》：基本薪酬按55%确定');
    expect(earnings).not.toMatch(/NX|SS/);
    expect(clauseWords('SS 二.2(1)：基本工资根据本人所对应的岗位等级确定', 'zh')).toBe('松山区《社区工作者职业体系建设实施方案》二.2(1)：基本工资根据本人所对应的岗位等级确定');
    expect(clauseWords('参考数据更正后重算已发月份 / recomputed after a reference figure changed', 'zh')).toBe('参考数据更正后重算已发月份');
    expect(clauseWords('NX：基本薪酬按55%确定', 'en')).toBe('NX：基本薪酬按55%确定');
  });

  it('signs amounts as they change the pay', () => {
    expect(signedAmount('111.90', true)).toBe('−¥111.90');
    expect(signedAmount('-20.00', true)).toBe('+¥20.00');
    expect(signedAmount('0.00', true)).toBe('¥0.00');
    expect(signedAmount('-1980.64', false)).toBe('-¥1,980.64');
  });
});
