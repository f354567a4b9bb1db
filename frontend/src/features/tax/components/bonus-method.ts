import type { BonusElection, BonusMethod, YearEndBonusRule } from '../api/types';

type T = (zh: string, en: string) => string;

export const METHOD_LABELS: Record<BonusMethod, [string, string]> = {
  combined: ['并入综合所得', 'Added to the cumulative income'],
  separate: ['单独计税', 'Taxed separately'],
};

/** What the reader may do with the year's election, and why not when they may not. */
export function bonusMethodState(election: BonusElection, readOnly: boolean, t: T) {
  const locked = election.applied;
  const reason = readOnly
    ? t('只读角色不能修改', 'Read-only role')
    : locked
      ? t(
          '本年度已有已审核或已发放的工资条对全年一次性奖金单独计税，计税方式不能再更改',
          'A payslip of an approved or paid run already taxed the year-end bonus separately: the method can no longer change',
        )
      : !election.separate_available
        ? t(`${election.tax_year} 年的个税规则不允许单独计税，只能并入综合所得`, `The ${election.tax_year} tax rules do not allow separate taxation`)
        : '';
  return {
    editable: !readOnly && !locked,
    separateAllowed: election.separate_available && !locked && !readOnly,
    reason,
  };
}

/** The monthly table of the separate method as rows: "≤ 3,000.00 → 3%，速算扣除数 0". */
export function bracketRows(rule: YearEndBonusRule, t: T): string[] {
  let lower: string | null = null;
  return rule.brackets.map((b) => {
    const rate = `${Number((Number(b.rate) * 100).toFixed(4))}%`;
    const quick = Number(b.quick_deduction).toLocaleString('en-US');
    const range =
      b.up_to === null || b.up_to === undefined
        ? `> ${Number(lower).toLocaleString('en-US')}`
        : lower === null
          ? `≤ ${Number(b.up_to).toLocaleString('en-US')}`
          : `${Number(lower).toLocaleString('en-US')}–${Number(b.up_to).toLocaleString('en-US')}`;
    lower = b.up_to ?? lower;
    return t(`${range}：税率 ${rate}，速算扣除数 ${quick}`, `${range}: ${rate}, quick deduction ${quick}`);
  });
}
