import { formatMoney } from '@/lib/format';
import type { DeductionKind } from '../api/types';

type Variant = DeductionKind['variants'][string];
type T = (zh: string, en: string) => string;

/** The cap of a variant in words: per month (per child where it counts per unit) or per year. */
export function capText(variant: Variant, kind: DeductionKind, t: T): string {
  if (variant.once_a_year) return t(`每年 ${formatMoney(variant.annual_cap)}`, `${formatMoney(variant.annual_cap)} a year`);
  const unit = kind.per_unit ? t(`/每${kind.unit_zh || '人'}`, ' per unit') : '';
  return t(`每月 ${formatMoney(variant.monthly_cap)}${unit}`, `${formatMoney(variant.monthly_cap)} a month${unit}`);
}
