import { formatMoney } from '@/lib/format';
import type { DeductionKind } from '../api/types';

type Variant = DeductionKind['variants'][string];
type T = (zh: string, en: string) => string;

/**
 * The cap of a variant in words: per month (per child where it counts per unit) or per year. A kind capped over the
 * year (个人养老金: 12,000 a year, in any months) states the year's cap; a month's cap as well only where it is lower.
 */
export function capText(variant: Variant, kind: DeductionKind, t: T): string {
  if (variant.once_a_year) return t(`每年 ${formatMoney(variant.annual_cap)}`, `${formatMoney(variant.annual_cap)} a year`);
  const unit = kind.per_unit ? t(`/每${kind.unit_zh || '人'}`, ' per unit') : '';
  const monthly = t(`每月 ${formatMoney(variant.monthly_cap)}${unit}`, `${formatMoney(variant.monthly_cap)} a month${unit}`);
  if (kind.annual_cap === null || kind.annual_cap === undefined) return monthly;
  const annual = t(`每年 ${formatMoney(kind.annual_cap)}`, `${formatMoney(kind.annual_cap)} a year`);
  const binding = variant.monthly_cap !== null && variant.monthly_cap !== undefined && Number(variant.monthly_cap) < Number(kind.annual_cap);
  return binding ? `${monthly}${t('，', ', ')}${annual}` : annual;
}
