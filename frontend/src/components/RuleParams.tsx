import { Typography } from 'antd';
import { useLang, useT } from '@/lib/i18n';
import { describe } from '@/lib/vocab';

/** One step a rule names (secondment.limits.approvals): who reviews (审核) or approves (批准). */
export interface ApprovalStep {
  step: 'review' | 'approve';
  body_zh: string;
  body_en: string;
}

export function approvalStep(step: ApprovalStep, lang: string): string {
  if (lang === 'en') return `${step.step === 'review' ? 'review' : 'approval'} by ${step.body_en}`;
  return `${step.body_zh}${step.step === 'review' ? '审核' : '批准'}`;
}

/** A rule's parameters: the parameter's name as written in the rule document, its value in words. */
export function RuleParams({ params }: { params: Record<string, unknown> | null | undefined }) {
  const t = useT();
  const { lang } = useLang();
  const show = (value: unknown): string => {
    if (typeof value === 'boolean') return value ? t('是', 'yes') : t('否', 'no');
    if (typeof value === 'string') return describe(value, lang);
    if (Array.isArray(value)) return value.map(show).join('、');
    if (value && typeof value === 'object' && 'body_zh' in value) return approvalStep(value as ApprovalStep, lang);
    if (value && typeof value === 'object') return Object.entries(value).map(([k, v]) => `${k}=${show(v)}`).join('；');
    return String(value ?? '—');
  };
  return (
    <ul style={{ margin: 0, paddingInlineStart: 16 }}>
      {Object.entries(params ?? {}).map(([key, value]) => (
        <li key={key}>
          <Typography.Text code>{key}</Typography.Text> {typeof value === 'object' && value && !Array.isArray(value) ? <code>{show(value)}</code> : show(value)}
        </li>
      ))}
    </ul>
  );
}
