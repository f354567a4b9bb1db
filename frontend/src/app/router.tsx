import { Spin } from 'antd';
import { lazy, Suspense, type ComponentType } from 'react';
import { Navigate, createBrowserRouter } from 'react-router-dom';
import { homePathFor, useSession } from '@/lib/auth';
import { RequireAuth } from './require-auth';

// Each page is its own chunk (React.lazy), so the first screen loads only what it shows.
function page<K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K) {
  const Lazy = lazy<ComponentType>(async () => ({ default: (await load())[name] as ComponentType }));
  return function LazyPage() {
    return (
      <Suspense fallback={<Spin style={{ display: 'block', margin: '64px auto' }} />}>
        <Lazy />
      </Suspense>
    );
  };
}

// The menu and header: loaded once logged in (the login page's first load on a phone does without them).
const AppLayout = page(() => import('./layout'), 'AppLayout');
// Result pages carry large illustrations: loaded only when shown.
const NotFoundPage = page(() => import('./result-pages'), 'NotFoundPage');
const CrashPage = page(() => import('./result-pages'), 'CrashPage');
const AssessmentPage = page(() => import('@/features/assessment/routes/AssessmentPage'), 'AssessmentPage');
const CycleDetailPage = page(() => import('@/features/assessment/routes/CycleDetailPage'), 'CycleDetailPage');
const HistoricalResultsPage = page(() => import('@/features/assessment/routes/HistoricalResultsPage'), 'HistoricalResultsPage');
const ProbationCasesPage = page(() => import('@/features/assessment/routes/ProbationCasesPage'), 'ProbationCasesPage');
const LoginPage = page(() => import('@/features/auth/routes/LoginPage'), 'LoginPage');
const ChangePasswordPage = page(() => import('@/features/auth/routes/ChangePasswordPage'), 'ChangePasswordPage');
const SecondFactorPage = page(() => import('@/features/auth/routes/SecondFactorPage'), 'SecondFactorPage');
const AccountsPage = page(() => import('@/features/accounts/routes/AccountsPage'), 'AccountsPage');
const RegionsPage = page(() => import('@/features/regions/routes/RegionsPage'), 'RegionsPage');
const DashboardPage = page(() => import('@/features/dashboard/routes/DashboardPage'), 'DashboardPage');
const HomePage = page(() => import('@/features/home/routes/HomePage'), 'HomePage');
const MyPage = page(() => import('@/features/me/routes/MyPage'), 'MyPage');
const OfflinePayslipPage = page(() => import('@/features/me/routes/OfflinePayslipPage'), 'OfflinePayslipPage');
const ReferenceFiguresPage = page(() => import('@/features/reference-figures/routes/ReferenceFiguresPage'), 'ReferenceFiguresPage');
const PostsPage = page(() => import('@/features/posts/routes/PostsPage'), 'PostsPage');
const PaySchemePage = page(() => import('@/features/pay-scheme/routes/PaySchemePage'), 'PaySchemePage');
const PayrollRunPage = page(() => import('@/features/payroll/routes/PayrollRunPage'), 'PayrollRunPage');
const PayrollRunsPage = page(() => import('@/features/payroll/routes/PayrollRunsPage'), 'PayrollRunsPage');
const CampaignPage = page(() => import('@/features/recruitment/routes/CampaignPage'), 'CampaignPage');
const CampaignsPage = page(() => import('@/features/recruitment/routes/CampaignsPage'), 'CampaignsPage');
const WorkerEditPage = page(() => import('@/features/workers/routes/WorkerEditPage'), 'WorkerEditPage');
const WorkerImportPage = page(() => import('@/features/workers/routes/WorkerImportPage'), 'WorkerImportPage');
const WorkerPage = page(() => import('@/features/workers/routes/WorkerPage'), 'WorkerPage');
const WorkersPage = page(() => import('@/features/workers/routes/WorkersPage'), 'WorkersPage');
const ManagementPage = page(() => import('@/features/management/routes/ManagementPage'), 'ManagementPage');
const DutiesPage = page(() => import('@/features/duties/routes/DutiesPage'), 'DutiesPage');
const AuditPage = page(() => import('@/features/audit/routes/AuditPage'), 'AuditPage');
const FinancePage = page(() => import('@/features/finance/routes/FinancePage'), 'FinancePage');
const OneOffItemsPage = page(() => import('@/features/finance/routes/OneOffItemsPage'), 'OneOffItemsPage');
const TaxDeclarationsPage = page(() => import('@/features/tax/routes/TaxDeclarationsPage'), 'TaxDeclarationsPage');
const MyTaxPage = page(() => import('@/features/tax/routes/MyTaxPage'), 'MyTaxPage');

function RoleHome() {
  const session = useSession();
  return <Navigate to={session ? homePathFor(session.role) : '/login'} replace />;
}

export const routes = [
  { path: '/login', element: <LoginPage /> },
  { path: '/change-password', element: <ChangePasswordPage /> },
  { path: '/second-factor', element: <SecondFactorPage /> },
  { path: '/offline', element: <OfflinePayslipPage /> },
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
      { path: 'assessment/cycles/:cycleId', element: <CycleDetailPage /> },
      { path: 'assessment/historical', element: <HistoricalResultsPage /> },
      { path: 'assessment/probation', element: <ProbationCasesPage /> },
      { path: 'payroll', element: <PayrollRunsPage /> },
      { path: 'payroll/runs/:runId', element: <PayrollRunPage /> },
      { path: 'dashboard', element: <DashboardPage /> },
      { path: 'pay-scheme', element: <PaySchemePage /> },
      { path: 'reference-figures', element: <ReferenceFiguresPage /> },
      { path: 'posts', element: <PostsPage /> },
      { path: 'management', element: <ManagementPage /> },
      { path: 'duties', element: <DutiesPage /> },
      { path: 'audit', element: <AuditPage /> },
      { path: 'accounts', element: <AccountsPage /> },
      { path: 'regions', element: <RegionsPage /> },
      { path: 'finance', element: <FinancePage /> },
      { path: 'one-off-items', element: <OneOffItemsPage /> },
      { path: 'tax-declarations', element: <TaxDeclarationsPage /> },
      { path: 'me', element: <MyPage /> },
      { path: 'me/tax', element: <MyTaxPage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
];

export const router = createBrowserRouter(routes);
