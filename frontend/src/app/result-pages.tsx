import { Button, Result } from 'antd';
import { useNavigate, useRouteError } from 'react-router-dom';
import { useT } from '@/lib/i18n';

export function NotFoundPage() {
  const t = useT();
  const navigate = useNavigate();
  return (
    <Result
      status="404"
      title={t('页面不存在', 'Page not found')}
      extra={<Button onClick={() => navigate('/')}>{t('返回首页', 'Back to start')}</Button>}
    />
  );
}

export function CrashPage() {
  const error = useRouteError();
  const t = useT();
  return (
    <Result
      status="error"
      title={t('页面出错了', 'Something went wrong')}
      subTitle={error instanceof Error ? error.message : String(error)}
      extra={<Button onClick={() => window.location.reload()}>{t('刷新', 'Reload')}</Button>}
    />
  );
}
