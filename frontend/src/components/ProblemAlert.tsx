import { Alert, Button } from 'antd';
import { useLang, useT } from '@/lib/i18n';
import { errorMessage, type FieldProblem } from '@/lib/problem';
import { FIELDS } from '@/lib/vocab';

/**
 * The field an API error names, in words: the form's own label when it has one (`labels`, by field name), else
 * the words for that key (lib/vocab.ts FIELDS), a row's field with its row ("visits.0.visit_date": 第 1 行 走访日期);
 * null when neither knows it — the key itself is never shown.
 */
export function fieldWords(field: string, lang: 'zh' | 'en', labels?: Record<string, string>): string | null {
  if (labels?.[field]) return labels[field];
  const parts = field.split('.');
  const named = parts.filter((part) => !/^\d+$/.test(part));
  const last = named.at(-1);
  if (!last) return null;
  const words = labels?.[last] ?? (FIELDS[last] ? FIELDS[last][lang === 'en' ? 1 : 0] : undefined);
  if (!words) return null;
  const row = parts.find((part) => /^\d+$/.test(part));
  if (row === undefined) return words;
  return lang === 'en' ? `row ${Number(row) + 1}, ${words}` : `第 ${Number(row) + 1} 行${words}`;
}

/**
 * An API failure in the user's language, with the per-field details that no form field shows; each detail is
 * named by the field's label (`labels`: the form's labels by field name) or its words, never by its key.
 */
export function ProblemAlert({
  error,
  extra,
  labels,
  onRetry,
}: {
  error: unknown;
  extra?: FieldProblem[];
  labels?: Record<string, string>;
  onRetry?: () => void;
}) {
  const { lang } = useLang();
  const t = useT();
  if (!error) return null;
  const details = extra ?? [];
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      title={errorMessage(error, lang)}
      description={
        details.length > 0 ? (
          <ul style={{ margin: 0, paddingInlineStart: 18 }}>
            {details.map((item, index) => {
              const name = fieldWords(item.field, lang, labels);
              const message = lang === 'en' ? item.message_en : item.message_zh;
              return (
                <li key={`${item.field}-${index}`} data-field={item.field}>
                  {name ? `${name}${lang === 'en' ? ': ' : '：'}${message}` : message}
                </li>
              );
            })}
          </ul>
        ) : undefined
      }
      action={
        onRetry ? (
          <Button size="small" onClick={onRetry}>
            {t('重试', 'Retry')}
          </Button>
        ) : undefined
      }
      style={{ marginBottom: 16 }}
    />
  );
}
