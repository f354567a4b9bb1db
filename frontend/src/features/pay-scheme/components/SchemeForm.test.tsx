import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderPage } from '@/test/render';
import { diffDocuments, SchemeForm, setIn } from './SchemeForm';

const inForce = {
  posts: { nx_staff: { label_zh: '专职工作人员', label_en: 'staff', min_level: 1, max_level: 2 } },
  tables: { grade_pay: { amounts: { nx_staff: { '1': '300.00', '2': '380.00' } } } },
  components: [{ type: 'by_star', code: 'star', label_zh: '星级补贴', per_star: '100.00', clause: 'NX：星级' }],
  housing_fund: { default_rate: '0.12' },
};

describe('SchemeForm', () => {
  it('lists what a version changes against the one in force, leaf by leaf', () => {
    const next = setIn(setIn(inForce, ['tables', 'grade_pay', 'amounts', 'nx_staff', '2'], '400.00'), ['housing_fund', 'default_rate'], '0.10');
    expect(inForce.tables.grade_pay.amounts.nx_staff['2']).toBe('380.00'); // the original is untouched
    expect(diffDocuments(inForce, next)).toEqual([
      { path: 'housing_fund.default_rate', before: '0.12', after: '0.10' },
      { path: 'tables.grade_pay.amounts.nx_staff.2', before: '380.00', after: '400.00' },
    ]);
  });

  it('shows the posts × levels table and the API validation message under the cell it names', () => {
    const problems = [{ field: 'document.tables.grade_pay.amounts.nx_staff.2', code: 'decimal_parsing', message_zh: '须为数字', message_en: 'a number' }];
    renderPage(<SchemeForm doc={inForce} baseline={inForce} editable problems={problems} onChange={() => undefined} />);
    const grid = screen.getByTestId('scheme-grade-pay');
    expect(within(grid).getByLabelText('tables.grade_pay.amounts.nx_staff.1')).toHaveValue('300.00');
    expect(within(grid).getByText('须为数字')).toBeInTheDocument();
    expect(within(screen.getByTestId('scheme-components')).getByLabelText('components.0.per_star')).toHaveValue('100.00');
  });
});
