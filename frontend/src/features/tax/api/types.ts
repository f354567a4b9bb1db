import type { components } from '@/api/types/payroll';

export type Declaration = components['schemas']['DeclarationOut'];
export type DeclarationIn = components['schemas']['DeclarationIn'];
export type DeclarationImport = components['schemas']['ImportOut'];
export type TaxRules = components['schemas']['TaxRules'];
export type DeductionKind = components['schemas']['DeductionKind'];
/** The year for 汇算清缴 (income, deductions, tax withheld, month by month). */
export interface TaxSummary {
  worker_id: string;
  year: number;
  months: { month: string; kind: string; gross: string; social_insurance_housing_fund: string; tax: string; net: string }[];
  income: string;
  basic_deduction: string;
  social_insurance_housing_fund: string;
  additional_deductions: Record<string, string>;
  other_deductions: Record<string, string>;
  taxable_income: string;
  tax_due: string;
  tax_withheld: string;
  net: string;
  /** Year-end bonuses taxed separately (全年一次性奖金单独计税): outside the cumulative figures; their tax is in tax_withheld. */
  year_end_bonus_separate?: { month: string; bonus: string; tax: string }[];
  note_zh: string;
}
/** How a worker's year-end one-off bonus (全年一次性奖金) is taxed in a tax year, with the rule of the year. */
export type BonusElection = components['schemas']['BonusElectionOut'];
export type BonusMethod = BonusElection['method'];
export type YearEndBonusRule = components['schemas']['YearEndBonusRules'];
