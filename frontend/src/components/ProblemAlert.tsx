import { Alert, Button } from 'antd';
import { useLang, useT } from '@/lib/i18n';
import { ApiError, errorMessage, type FieldProblem } from '@/lib/problem';

/** An API failure in the user's language, with the per-field details that no form field shows. */
export function ProblemAlert({ error, extra, onRetry }: { error: unknown; extra?: FieldProblem[]; onRetry?: () => void }) {
  const { lang } = useLang();
  const t = useT();
  if (!error) return null;
  const details = extra ?? (error instanceof ApiError ? [] : []);
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      title={errorMessage(error, lang)}
      description={
        details.length > 0 ? (
          <ul style={{ margin: 0, paddingInlineStart: 18 }}>
            {details.map((item, index) => (
              <li key={`${item.field}-${index}`}>
                {item.field}: {lang === 'en' ? item.message_en : item.message_zh}
              </li>
            ))}
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
