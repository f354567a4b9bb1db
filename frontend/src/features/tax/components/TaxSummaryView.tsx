import { Descriptions, Empty, type DescriptionsProps } from 'antd';
import { formatMoney } from '@/lib/format';
import { useT } from '@/lib/i18n';
import type { TaxSummary } from '../api/types';

/** The year for 汇算清缴, for the worker and for officers. The cumulative figures and 已预扣税额 are the comprehensive
 * income's (like with like against 累计应纳税额); a year-end bonus taxed separately and its tax are listed apart, and
 * 预扣税额合计 is everything withheld (the payslips' tax). A year with no approved payslip yet (the API answers zeros and
 * no months) is a normal state, shown as such. */
export function TaxSummaryView({ summary: s, column = 1 }: { summary: TaxSummary; column?: DescriptionsProps['column'] }) {
  const t = useT();
  if (s.months.length === 0) {
    return (
      <Empty
        data-testid="tax-summary-empty"
        description={t(
          `本年度尚无工资记录（${s.year} 年还没有已审批或已发放的工资），发放后这里显示累计收入、扣除和已预扣税额`,
          `No pay recorded this year yet (no approved or paid payslip in ${s.year}); the income, deductions and tax withheld show here once paid`,
        )}
      />
    );
  }
  const separate = s.year_end_bonus_separate.length > 0;
  return (
    <Descriptions size="small" column={column} data-testid="tax-summary">
      <Descriptions.Item label={t('累计收入（综合所得）', 'Income (comprehensive)')}>{formatMoney(s.income)}</Descriptions.Item>
      <Descriptions.Item label={t('累计减除费用', 'Basic deduction')}>{formatMoney(s.basic_deduction)}</Descriptions.Item>
      <Descriptions.Item label={t('累计社保公积金', 'Social insurance and housing fund')}>{formatMoney(s.social_insurance_housing_fund)}</Descriptions.Item>
      <Descriptions.Item label={t('累计应纳税所得额', 'Taxable income')}>{formatMoney(s.taxable_income)}</Descriptions.Item>
      <Descriptions.Item label={t('累计应纳税额', 'Tax due')}>{formatMoney(s.tax_due)}</Descriptions.Item>
      <Descriptions.Item label={t('已预扣税额（综合所得）', 'Tax withheld (comprehensive)')}>
        <span data-testid="tax-summary-withheld">{formatMoney(s.tax_withheld)}</span>
      </Descriptions.Item>
      {s.year_end_bonus_separate.map((b) => (
        <Descriptions.Item key={b.month} label={t(`全年一次性奖金单独计税（${b.month}）`, `Year-end bonus taxed separately (${b.month})`)}>
          {t(`奖金 ${formatMoney(b.bonus)}，税额 ${formatMoney(b.tax)}（不计入累计收入和上面的已预扣税额）`, `bonus ${formatMoney(b.bonus)}, tax ${formatMoney(b.tax)} (not in the cumulative income or the tax withheld above)`)}
        </Descriptions.Item>
      ))}
      {separate && (
        <Descriptions.Item label={t('预扣税额合计（含全年一次性奖金）', 'All tax withheld (bonus included)')}>
          <span data-testid="tax-summary-withheld-total">
            {`${formatMoney(s.tax_withheld)} + ${formatMoney(s.year_end_bonus_tax)} = ${formatMoney(s.tax_withheld_total)}`}
          </span>
        </Descriptions.Item>
      )}
      <Descriptions.Item label={t('说明', 'Note')}>{s.note_zh}</Descriptions.Item>
    </Descriptions>
  );
}
