import {
  AccountBookOutlined,
  ApartmentOutlined,
  AuditOutlined,
  BarChartOutlined,
  DashboardOutlined,
  FileSearchOutlined,
  FileTextOutlined,
  FolderOpenOutlined,
  IdcardOutlined,
  KeyOutlined,
  LineChartOutlined,
  LogoutOutlined,
  MoneyCollectOutlined,
  ProfileOutlined,
  SafetyOutlined,
  ScheduleOutlined,
  SettingOutlined,
  SolutionOutlined,
  TeamOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { Button, Flex, Layout, Menu, Segmented, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import { RegionName } from '@/components/Names';
import { ROLE_LABELS, logout, useSession } from '@/lib/auth';
import { RUN_READERS } from '@/lib/duties';
import { useLang, useT } from '@/lib/i18n';

// Who may enrol a second factor (registry: provincial admins and finance officers).
const SECOND_FACTOR_ROLES = ['provincial_admin', 'finance_officer'];

interface NavItem {
  key: string;
  icon: ReactNode;
  zh: string;
  en: string;
  roles: string[];
}

const OFFICERS = ['township_officer', 'party_secretary', 'county_officer', 'city_officer', 'provincial_admin', 'auditor'];
const NAV: NavItem[] = [
  { key: '/home', icon: <DashboardOutlined />, zh: '工作台', en: 'To do', roles: ['township_officer', 'party_secretary'] },
  { key: '/dashboard', icon: <BarChartOutlined />, zh: '统计分析', en: 'Dashboard', roles: ['county_officer', 'city_officer', 'provincial_admin', 'auditor', 'township_officer'] },
  { key: '/workers', icon: <TeamOutlined />, zh: '人员管理', en: 'Workers', roles: [...OFFICERS, 'finance_officer'] },
  { key: '/recruitment', icon: <SolutionOutlined />, zh: '招聘', en: 'Recruitment', roles: OFFICERS },
  { key: '/assessment', icon: <AuditOutlined />, zh: '年度考核', en: 'Assessment', roles: OFFICERS },
  // Not the party secretary: a community's account never sees a run (runs are per township and above).
  { key: '/payroll', icon: <MoneyCollectOutlined />, zh: '薪酬发放', en: 'Payroll', roles: RUN_READERS },
  { key: '/finance', icon: <AccountBookOutlined />, zh: '财务发放', en: 'Paying', roles: ['finance_officer', 'auditor'] },
  { key: '/one-off-items', icon: <ProfileOutlined />, zh: '一次性项目', en: 'One-off items', roles: ['township_officer', 'finance_officer', 'county_officer', 'auditor'] },
  { key: '/tax-declarations', icon: <FileTextOutlined />, zh: '个税扣除申报', en: 'Tax deductions', roles: ['township_officer', 'finance_officer', 'county_officer', 'auditor'] },
  { key: '/management', icon: <FolderOpenOutlined />, zh: '日常管理', en: 'Management', roles: ['township_officer', 'county_officer', 'city_officer', 'provincial_admin', 'auditor'] },
  { key: '/duties', icon: <ScheduleOutlined />, zh: '人员事务', en: 'Duties', roles: ['township_officer', 'county_officer', 'city_officer', 'provincial_admin', 'auditor'] },
  { key: '/audit', icon: <FileSearchOutlined />, zh: '操作记录', en: 'Audit trail', roles: ['township_officer', 'county_officer', 'city_officer', 'provincial_admin', 'auditor'] },
  { key: '/pay-scheme', icon: <SettingOutlined />, zh: '薪酬方案', en: 'Pay scheme', roles: ['provincial_admin', 'auditor'] },
  { key: '/posts', icon: <IdcardOutlined />, zh: '岗位目录', en: 'Post catalogue', roles: ['provincial_admin', 'city_officer', 'county_officer', 'auditor'] },
  { key: '/reference-figures', icon: <LineChartOutlined />, zh: '工资参考数据', en: 'Reference figures', roles: ['provincial_admin', 'city_officer', 'auditor'] },
  { key: '/accounts', icon: <KeyOutlined />, zh: '账号与权限', en: 'Accounts', roles: ['provincial_admin', 'city_officer', 'county_officer', 'township_officer', 'auditor'] },
  { key: '/regions', icon: <ApartmentOutlined />, zh: '区划管理', en: 'Regions', roles: ['provincial_admin', 'city_officer', 'county_officer'] },
  { key: '/me', icon: <UserOutlined />, zh: '我的', en: 'Me', roles: ['worker'] },
];

export function LanguageSwitch() {
  const { lang, setLang } = useLang();
  return (
    <Segmented
      size="small"
      value={lang}
      onChange={(value) => setLang(value as 'zh' | 'en')}
      options={[
        { label: '中文', value: 'zh' },
        { label: 'EN', value: 'en' },
      ]}
      aria-label="language"
    />
  );
}

/** Requires a session; otherwise sends the user to log in and back here afterwards. */
export function AppLayout() {
  const session = useSession()!;
  const t = useT();
  const navigate = useNavigate();
  const location = useLocation();
  const [collapsed, setCollapsed] = useState(false);
  const items = NAV.filter((item) => item.roles.includes(session.role)).map((item) => ({
    key: item.key,
    icon: item.icon,
    label: t(item.zh, item.en),
  }));
  const selected = items.find((item) => location.pathname.startsWith(item.key))?.key;
  const role = ROLE_LABELS[session.role];
  const compact = session.role === 'worker';

  return (
    <Layout style={{ minHeight: '100vh' }}>
      {!compact && (
        <Layout.Sider breakpoint="lg" collapsedWidth={0} collapsed={collapsed} onCollapse={setCollapsed} theme="light" width={200}>
          <Typography.Title level={5} style={{ padding: '16px 16px 8px', margin: 0 }}>
            {t('社区工作者管理', 'Community Workers')}
          </Typography.Title>
          <Menu
            mode="inline"
            selectedKeys={selected ? [selected] : []}
            items={items}
            onClick={({ key }) => navigate(key)}
          />
        </Layout.Sider>
      )}
      <Layout>
        <Layout.Header style={{ background: '#fff', padding: '0 16px', height: 'auto', lineHeight: '48px', borderBottom: '1px solid #f0f0f0' }}>
          <Flex justify="space-between" align="center" wrap gap={8}>
            <Typography.Text strong data-testid="current-user">
              {compact ? t('社区工作者', 'Community worker') + ' · ' : ''}
              {session.displayName ?? session.username}
              <Typography.Text type="secondary" style={{ marginInlineStart: 8 }}>
                {role ? t(role[0], role[1]) : session.role}
                {session.jurisdiction ? (
                  <>
                    {' · '}
                    <span data-testid="current-jurisdiction">
                      <RegionName code={session.jurisdiction} />
                    </span>
                  </>
                ) : null}
              </Typography.Text>
            </Typography.Text>
            <Flex gap={8} align="center">
              <LanguageSwitch />
              {SECOND_FACTOR_ROLES.includes(session.role) && (
                <Button size="small" icon={<SafetyOutlined />} onClick={() => navigate('/second-factor')}>
                  {t('双重验证', 'Second factor')}
                </Button>
              )}
              <Button
                size="small"
                icon={<LogoutOutlined />}
                onClick={async () => {
                  await logout();
                  navigate('/login', { replace: true });
                }}
              >
                {t('退出', 'Log out')}
              </Button>
            </Flex>
          </Flex>
        </Layout.Header>
        <Layout.Content>
          <div className="cwm-content">
            <Outlet />
          </div>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
