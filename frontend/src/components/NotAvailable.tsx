import { Result } from 'antd';
import { useT } from '@/lib/i18n';

/** Shown where the backend endpoint this view needs has not been built yet. Never mock data. */
export function NotAvailable({ what, compact = false }: { what?: string; compact?: boolean }) {
  const t = useT();
  return (
    <Result
      status="info"
      className={compact ? 'cwm-compact-result' : undefined}
      title={t('暂未开放', 'Not available yet')}
      subTitle={
        what
          ? t(`“${what}”的后台接口尚未上线。`, `The service behind "${what}" is not available yet.`)
          : t('该功能的后台接口尚未上线。', 'The service behind this view is not available yet.')
      }
      data-testid="not-available"
    />
  );
}
