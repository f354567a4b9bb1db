import { Alert, Card, Flex, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { homePathFor } from '@/lib/auth';
import { useT } from '@/lib/i18n';
import { lastCachedPayslip } from '@/lib/offline';
import { LoginForm } from '../components/LoginForm';

export function LoginPage() {
  const t = useT();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [offlinePayslip, setOfflinePayslip] = useState(false);
  useEffect(() => {
    if (typeof navigator !== 'undefined' && !navigator.onLine) void lastCachedPayslip().then((last) => setOfflinePayslip(last !== null));
  }, []);
  return (
    <Flex justify="center" align="center" style={{ minHeight: '100vh', padding: 16, background: '#f0f2f5' }}>
      <Card style={{ width: '100%', maxWidth: 380 }}>
        <Typography.Title level={3} style={{ textAlign: 'center' }}>
          {t('社区工作者管理系统', 'Community Worker Management')}
        </Typography.Title>
        {offlinePayslip && (
          <Alert
            type="info"
            style={{ marginBottom: 12 }}
            message={<Link to="/offline">{t('当前离线：查看本机保存的最近工资条', 'Offline: see the last payslip kept on this phone')}</Link>}
          />
        )}
        <LoginForm
          onSuccess={(session) => {
            if (session.mustChangePassword) {
              navigate('/change-password', { replace: true });
              return;
            }
            const next = params.get('next');
            navigate(next && next.startsWith('/') && !next.startsWith('//') ? next : homePathFor(session.role), { replace: true });
          }}
        />
      </Card>
    </Flex>
  );
}
