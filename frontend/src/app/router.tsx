import { Button, Result } from 'antd';
import { Navigate, createBrowserRouter, useNavigate, useRouteError } from 'react-router-dom';
import { AssessmentPage } from '@/features/assessment/routes/AssessmentPage';
import { LoginPage } from '@/features/auth/routes/LoginPage';
import { DashboardPage } from '@/features/dashboard/routes/DashboardPage';
import { HomePage } from '@/features/home/routes/HomePage';
import { MyPage } from '@/features/me/routes/MyPage';
import { PaySchemePage } from '@/features/pay-scheme/routes/PaySchemePage';
import { PayrollRunPage } from '@/features/payroll/routes/PayrollRunPage';
import { PayrollRunsPage } from '@/features/payroll/routes/PayrollRunsPage';
import { CampaignPage } from '@/features/recruitment/routes/CampaignPage';
import { CampaignsPage } from '@/features/recruitment/routes/CampaignsPage';
import { WorkerEditPage } from '@/features/workers/routes/WorkerEditPage';
import { WorkerImportPage } from '@/features/workers/routes/WorkerImportPage';
import { WorkerPage } from '@/features/workers/routes/WorkerPage';
import { WorkersPage } from '@/features/workers/routes/WorkersPage';
import { homePathFor, useSession } from '@/lib/auth';
import { useT } from '@/lib/i18n';
import { AppLayout, RequireAuth } from './layout';

function RoleHome() {
  const session = useSession();
  return <Navigate to={session ? homePathFor(session.role) : '/login'} replace />;
}

function NotFoundPage() {
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

function CrashPage() {
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

export const routes = [
  { path: '/login', element: <LoginPage /> },
  {
    path: '/',
    element: (
      <RequireAuth>
        <AppLayout />
      </RequireAuth>
    ),
    errorElement: <CrashPage />,
    children: [
      { index: true, element: <RoleHome /> },
      { path: 'home', element: <HomePage /> },
      { path: 'workers', element: <WorkersPage /> },
      { path: 'workers/new', element: <WorkerEditPage /> },
      { path: 'workers/import', element: <WorkerImportPage /> },
      { path: 'workers/:workerId', element: <WorkerPage /> },
      { path: 'workers/:workerId/edit', element: <WorkerEditPage /> },
      { path: 'recruitment', element: <CampaignsPage /> },
      { path: 'recruitment/:campaignId', element: <CampaignPage /> },
      { path: 'assessment', element: <AssessmentPage /> },
      { path: 'payroll', element: <PayrollRunsPage /> },
      { path: 'payroll/runs/:runId', element: <PayrollRunPage /> },
      { path: 'dashboard', element: <DashboardPage /> },
      { path: 'pay-scheme', element: <PaySchemePage /> },
      { path: 'me', element: <MyPage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
];

export const router = createBrowserRouter(routes);
