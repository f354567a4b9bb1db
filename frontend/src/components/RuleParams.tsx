import { Tooltip, Typography } from 'antd';
import { useLang } from '@/lib/i18n';
import { clauseText, ruleParamLabel, ruleValue, sourceText } from '@/lib/rule-words';
import { labelOf, RULE_KINDS } from '@/lib/vocab';

export { approvalStep, type ApprovalStep } from '@/lib/rule-words';

/** Where one number comes from (the rules API's `provenance`): the clause that states it. */
type Provenance = Record<string, { clause?: string | null } | undefined>;

/**
 * A rule's parameters: each by its label (the name in the rule document on hover), its value in words and, when
 * the document quotes the text that states it, that clause in the reader's language.
 */
export function RuleParams({ params, provenance }: { params: Record<string, unknown> | null | undefined; provenance?: Provenance | null }) {
  const { lang } = useLang();
  return (
    <ul style={{ margin: 0, paddingInlineStart: 16, whiteSpace: 'normal', maxWidth: 640 }}>
      {Object.entries(params ?? {}).map(([key, value]) => {
        const clause = clauseText(provenance?.[key]?.clause, lang);
        return (
          <li key={key} data-param={key}>
            <Tooltip title={key}>
              <Typography.Text type="secondary">{ruleParamLabel(key, lang)}</Typography.Text>
            </Tooltip>
            {lang === 'en' ? ': ' : '：'}
            {ruleValue(key, value, lang)}
            {clause && (
              <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                {clause}
              </Typography.Text>
            )}
          </li>
        );
      })}
    </ul>
  );
}

/** A rule's source document by name (as recorded on hover). */
export function RuleSource({ source }: { source: string | null | undefined }) {
  const { lang } = useLang();
  return (
    <Tooltip title={source}>
      <span>{sourceText(source, lang)}</span>
    </Tooltip>
  );
}

/** A rule's kind by name (its key, e.g. quota.county, on hover). */
export function RuleKindName({ kind }: { kind: string | null | undefined }) {
  const { lang } = useLang();
  if (!kind) return <>—</>;
  return (
    <Tooltip title={kind}>
      <span>{labelOf(RULE_KINDS, kind, lang)}</span>
    </Tooltip>
  );
}
