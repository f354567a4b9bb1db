import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { explainText, explainValue, inputLabel } from '@/components/payslip-words';
import { renderPage } from '@/test/render';
import type { BonusElection } from '../api/types';
import { BonusMethodCard } from './BonusMethodCard';
import { bonusMethodState, bracketRows } from './bonus-method';

// The 2023 national tax document's section (services/payroll/src/payroll/tax/documents/cn-iit-2023.json).
const rule = {
  label_zh: '全年一次性奖金单独计税',
  label_en: 'year-end one-off bonus taxed separately',
  clause: '财政部 税务总局公告2023年第30号第一条：……执行至2027年12月31日。',
  last_year: 2027,
  brackets: [
    { up_to: '3000', rate: '0.03', quick_deduction: '0' },
    { up_to: '12000', rate: '0.10', quick_deduction: '210' },
    { up_to: '25000', rate: '0.20', quick_deduction: '1410' },
    { up_to: '35000', rate: '0.25', quick_deduction: '2660' },
    { up_to: '55000', rate: '0.30', quick_deduction: '4410' },
    { up_to: '80000', rate: '0.35', quick_deduction: '7160' },
    { up_to: null, rate: '0.45', quick_deduction: '15160' },
  ],
};
const election: BonusElection = {
  worker_id: 'w1',
  tax_year: 2026,
  method: 'combined',
  recorded: false,
  separate_available: true,
  rule,
  applied: false,
  updated_by: null,
  updated_at: null,
};
const zh = (z: string) => z;

describe('bonus method logic', () => {
  it('lists the monthly table with inclusive upper bounds and the open top bracket', () => {
    expect(bracketRows(rule, zh)).toEqual([
      '≤ 3,000：税率 3%，速算扣除数 0',
      '3,000–12,000：税率 10%，速算扣除数 210',
      '12,000–25,000：税率 20%，速算扣除数 1,410',
      '25,000–35,000：税率 25%，速算扣除数 2,660',
      '35,000–55,000：税率 30%，速算扣除数 4,410',
      '55,000–80,000：税率 35%，速算扣除数 7,160',
      '> 80,000：税率 45%，速算扣除数 15,160',
    ]);
  });

  it('says why the method cannot be changed', () => {
    expect(bonusMethodState(election, false, zh)).toEqual({ editable: true, separateAllowed: true, reason: '' });
    const applied = bonusMethodState({ ...election, method: 'separate', applied: true }, false, zh);
    expect(applied.editable).toBe(false);
    expect(applied.reason).toMatch(/不能再更改/);
    const expired = bonusMethodState({ ...election, tax_year: 2028, separate_available: false, rule: null }, false, zh);
    expect(expired).toEqual({ editable: true, separateAllowed: false, reason: '2028 年的个税规则不允许单独计税，只能并入综合所得' });
    expect(bonusMethodState(election, true, zh).editable).toBe(false);
  });
});

describe('BonusMethodCard', () => {
  it('shows the default and the rule, and saves the chosen method', async () => {
    const onSave = vi.fn().mockResolvedValue({});
    renderPage(<BonusMethodCard election={election} onSave={onSave} />);
    expect(screen.getByTestId('bonus-method-current')).toHaveTextContent('当前：并入综合所得（未选择，默认）');
    expect(screen.getByTestId('bonus-method-rule')).toHaveTextContent('执行至 2027 年底');
    expect(screen.getByTestId('bonus-method-rule')).toHaveTextContent('3,000–12,000：税率 10%，速算扣除数 210');
    fireEvent.click(screen.getByLabelText('单独计税'));
    fireEvent.click(screen.getByTestId('save-bonus-method'));
    await waitFor(() => expect(onSave).toHaveBeenCalledWith('separate'));
  });

  it('offers no change once a payslip applied it, and no separate method where the year has none', () => {
    const { unmount } = renderPage(<BonusMethodCard election={{ ...election, method: 'separate', recorded: true, applied: true }} onSave={vi.fn()} />);
    expect(screen.queryByTestId('save-bonus-method')).not.toBeInTheDocument();
    expect(screen.getByTestId('bonus-method-reason')).toHaveTextContent('不能再更改');
    unmount();
    renderPage(<BonusMethodCard election={{ ...election, tax_year: 2028, separate_available: false, rule: null }} onSave={vi.fn()} />);
    expect(screen.getByLabelText('单独计税')).toBeDisabled();
    expect(screen.queryByTestId('bonus-method-rule')).not.toBeInTheDocument();
  });

  it('shows the refusal of the service', async () => {
    const onSave = vi.fn().mockRejectedValue(new Error('method: 不能更改'));
    renderPage(<BonusMethodCard election={{ ...election, method: 'separate', recorded: true }} onSave={onSave} />);
    fireEvent.click(screen.getByLabelText('并入综合所得'));
    fireEvent.click(screen.getByTestId('save-bonus-method'));
    expect(await screen.findByRole('alert')).toBeInTheDocument();
  });
});

describe('the bonus tax line explains itself', () => {
  // The line's inputs as the payroll engine writes them (calculation/engine.py bonus_tax_line).
  it('names every input and keeps the figures', () => {
    expect(inputLabel('bonus', 'zh')).toBe('全年一次性奖金');
    expect(inputLabel('bonus_divided_by_12', 'zh')).toBe('奖金 ÷ 12（确定税率）');
    expect(inputLabel('available_through', 'en')).toBe('Available through (year)');
    expect(inputLabel('year_end_bonus_taxed_separately', 'zh')).toMatch(/不计入累计收入/);
    expect(explainText('36012.00 ÷ 12 = 3001.00', 'zh')).toBe('36012.00 ÷ 12 = 3001.00');
    expect(explainText('36012.00 × 10% − 210.00 = 3391.20', 'zh')).toBe('36012.00 × 10% − 210.00 = 3391.20');
    expect(explainValue('separate', 'zh')).toBe('单独计税');
    expect(
      explainText('本纳税年度已对一笔全年一次性奖金单独计税（每年只允许采用一次），本次并入综合所得 / the separate method was already used this tax year (once a year only): this payment is added to the cumulative income', 'en'),
    ).toBe('the separate method was already used this tax year (once a year only): this payment is added to the cumulative income');
  });
});
