// Words for the registry's contract-renewal answers (续聘, registry workers/renewal.py): eligibility, the
// assessment it rests on, the new term, and how long until a contract ends.
import { label, RESULTS } from '@/lib/codes';
import { RENEWAL_STATUSES } from '@/lib/vocab';

type Lang = 'zh' | 'en';


const STATUS_COLORS: Record<string, string> = { eligible: 'green', not_eligible: 'red', pending: 'orange' };

export function renewalStatusLabel(status: string, lang: Lang): string {
  return label(RENEWAL_STATUSES, status, lang);
}

export function renewalStatusColor(status: string): string | undefined {
  return STATUS_COLORS[status];
}

/** "2025 年度 合格" — the final annual result a renewal rests on, or what is missing. */
export function assessmentBasis(
  renewal: { last_result?: { year: number; result: string } | null; assessment_years?: number[]; renewal_condition?: string | null },
  lang: Lang,
): string {
  if (renewal.last_result) {
    const result = label(RESULTS, renewal.last_result.result, lang);
    return lang === 'en' ? `${renewal.last_result.year}: ${result}` : `${renewal.last_result.year} 年度 ${result}`;
  }
  if (!renewal.renewal_condition) return lang === 'en' ? 'not required' : '不要求';
  const years = (renewal.assessment_years ?? []).join(lang === 'en' ? ', ' : '、');
  return lang === 'en' ? `no final ${years} result yet` : `${years} 年度尚无确定结果`;
}

/** The minimum result a renewal needs, "合格以上", or none. */
export function renewalCondition(condition: string | null | undefined, lang: Lang): string {
  if (!condition) return lang === 'en' ? 'none set by the rules in force' : '适用的政策文件未规定';
  const result = label(RESULTS, condition, lang);
  return lang === 'en' ? `last annual result ${result} or better` : `聘期最后年度考核${result}以上`;
}

/** Days left until the end, or how long ago it ended. */
export function daysLeftText(days: number, lang: Lang): string {
  if (days < 0) return lang === 'en' ? `ended ${-days} days ago` : `已到期 ${-days} 天`;
  if (days === 0) return lang === 'en' ? 'ends today' : '今天到期';
  return lang === 'en' ? `${days} days` : `${days} 天`;
}

/** What the confirmation says before a renewal is written. */
export function renewalConfirmText(
  name: string,
  renewal: { next_start: string; next_end: string; last_result?: { year: number; result: string } | null; assessment_years?: number[]; renewal_condition?: string | null },
  end: string | null | undefined,
  lang: Lang,
): string {
  const until = end || renewal.next_end;
  const basis = assessmentBasis(renewal, lang);
  return lang === 'en'
    ? `Renew ${name}'s contract: ${renewal.next_start} to ${until} (assessment: ${basis}).`
    : `为 ${name} 续聘：新合同 ${renewal.next_start} 至 ${until}（考核依据：${basis}）。`;
}
