import type { components } from '@/api/types/payroll';

export type Declaration = components['schemas']['DeclarationOut'];
export type DeclarationIn = components['schemas']['DeclarationIn'];
export type DeclarationImport = components['schemas']['ImportOut'];
export type TaxRules = components['schemas']['TaxRules'];
export type DeductionKind = components['schemas']['DeductionKind'];
/** The year for 汇算清缴: the comprehensive income's cumulative figures (tax_due, tax_withheld), a year-end bonus taxed
 * separately (全年一次性奖金单独计税) and its tax apart, tax_withheld_total = both. */
export type TaxSummary = components['schemas']['TaxSummaryOut'];
/** How a worker's year-end one-off bonus (全年一次性奖金) is taxed in a tax year, with the rule of the year. */
export type BonusElection = components['schemas']['BonusElectionOut'];
export type BonusMethod = BonusElection['method'];
export type YearEndBonusRule = components['schemas']['YearEndBonusRules'];
