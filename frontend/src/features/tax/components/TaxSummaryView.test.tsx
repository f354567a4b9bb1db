import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderPage } from '@/test/render';
import type { TaxSummary } from '../api/types';
import { TaxSummaryView } from './TaxSummaryView';

// Songshan worker w1's December 2025 as the payroll answers it (services/payroll/tests/exports/
// test_year_end_bonus_exports.py): a monthly payslip (2720.00 + 10000.00 back pay, 207.00 withheld cumulatively) and
// a year-end bonus of 3626.67 taxed separately (× 3% = 108.80).
const summary: TaxSummary = {
  worker_id: 'w1',
  year: 2025,
  months: [
    { month: '2025-12', kind: 'monthly', gross: '12720.00', social_insurance_housing_fund: '820.00', tax: '207.00', net: '11693.00' },
    { month: '2025-12', kind: 'year_end', gross: '3626.67', social_insurance_housing_fund: '0.00', tax: '108.80', net: '3517.87' },
  ],
  income: '12720.00',
  basic_deduction: '5000.00',
  social_insurance_housing_fund: '820.00',
  additional_deductions: {},
  other_deductions: {},
  taxable_income: '6900.00',
  tax_due: '207.00',
  tax_withheld: '207.00',
  year_end_bonus: '3626.67',
  year_end_bonus_tax: '108.80',
  tax_withheld_total: '315.80',
  net: '15210.87',
  year_end_bonus_separate: [{ month: '2025-12', bonus: '3626.67', tax: '108.80' }],
  note_zh: '预扣预缴数据……',
};

describe('TaxSummaryView', () => {
  it('keeps the separately taxed bonus and its tax apart from the cumulative tax withheld, and totals both', () => {
    renderPage(<TaxSummaryView summary={summary} />);
    expect(screen.getByTestId('tax-summary')).toHaveTextContent('累计应纳税额¥207.00');
    expect(screen.getByTestId('tax-summary-withheld')).toHaveTextContent('¥207.00');
    expect(screen.getByTestId('tax-summary')).toHaveTextContent('奖金 ¥3,626.67，税额 ¥108.80');
    expect(screen.getByTestId('tax-summary-withheld-total')).toHaveTextContent('¥207.00 + ¥108.80 = ¥315.80');
  });

  it('shows no bonus rows or total when no bonus was taxed separately', () => {
    renderPage(
      <TaxSummaryView
        summary={{ ...summary, year_end_bonus: '0.00', year_end_bonus_tax: '0.00', tax_withheld_total: '207.00', year_end_bonus_separate: [] }}
      />,
    );
    expect(screen.getByTestId('tax-summary-withheld')).toHaveTextContent('¥207.00');
    expect(screen.queryByTestId('tax-summary-withheld-total')).not.toBeInTheDocument();
  });

  it('shows a year without payslips as an empty state, not figures of zero', () => {
    const zero = '0.00';
    renderPage(
      <TaxSummaryView
        summary={{
          ...summary,
          year: 2026,
          months: [],
          income: zero,
          basic_deduction: zero,
          social_insurance_housing_fund: zero,
          taxable_income: zero,
          tax_due: zero,
          tax_withheld: zero,
          year_end_bonus: zero,
          year_end_bonus_tax: zero,
          tax_withheld_total: zero,
          net: zero,
          year_end_bonus_separate: [],
        }}
      />,
    );
    expect(screen.getByTestId('tax-summary-empty')).toHaveTextContent('本年度尚无工资记录（2026 年还没有已审批或已发放的工资）');
    expect(screen.queryByTestId('tax-summary')).not.toBeInTheDocument();
  });
});
