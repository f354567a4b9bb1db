import { Alert, App, Button, Card, Form, Input, Modal, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { RegionName } from '@/components/Names';
import { PageTitle } from '@/components/PageTitle';
import { ProblemAlert } from '@/components/ProblemAlert';
import { QueryState } from '@/components/QueryState';
import { registryClient, unwrap } from '@/lib/api-client';
import { useSession } from '@/lib/auth';
import { applyProblemToForm } from '@/lib/form-errors';
import { useLang, useT } from '@/lib/i18n';
import type { FieldProblem } from '@/lib/problem';
import { ROLES, labelOf, optionsOf } from '@/lib/vocab';
import {
  useAccountAction,
  useAccounts,
  useCreateAccount,
  useGrantable,
  useResetPassword,
  type Account,
  type AccountCreate,
  type AccountWithPassword,
} from '../api/accounts';
import { AccountDrawer } from '../components/AccountDrawer';

const ADMINISTRATORS = ['provincial_admin', 'city_officer', 'county_officer'];

/** Regions inside the jurisdiction (in use), for the jurisdiction picker. */
function useRegionsInside(prefix: string) {
  return useQuery({
    queryKey: ['registry', 'regions', 'picker', prefix],
    queryFn: async ({ signal }) => unwrap(await registryClient.GET('/v1/regions', { params: { query: { prefix } }, signal })),
  });
}

/** The initial password, shown once after creating an account or resetting its password. */
function PasswordNotice({ account, onClose }: { account: AccountWithPassword | null; onClose: () => void }) {
  const t = useT();
  return (
    <Modal open={!!account} title={t('初始密码', 'Initial password')} onOk={onClose} onCancel={onClose} cancelButtonProps={{ style: { display: 'none' } }} okText={t('已记下', 'Noted')}>
      {account && (
        <Space direction="vertical">
          <Typography.Text>
            {t('登录名', 'Login name')}：<Typography.Text strong data-testid="new-username">{account.username}</Typography.Text>
          </Typography.Text>
          <Typography.Text>
            {t('初始密码', 'Initial password')}：
            <Typography.Text strong copyable data-testid="initial-password">
              {account.initial_password}
            </Typography.Text>
          </Typography.Text>
          <Alert type="warning" showIcon message={t('只显示这一次。请当面或通过安全渠道交给本人；首次登录须修改密码。', 'Shown only now. Hand it over in person or by a safe channel; the first login must change it.')} />
        </Space>
      )}
    </Modal>
  );
}

function CreateAccountForm({ onCreated }: { onCreated: (account: AccountWithPassword) => void }) {
  const t = useT();
  const { lang } = useLang();
  const session = useSession()!;
  const grantable = useGrantable();
  const regions = useRegionsInside(session.jurisdiction);
  const create = useCreateAccount();
  const [form] = Form.useForm<AccountCreate>();
  const [unmatched, setUnmatched] = useState<FieldProblem[]>([]);
  const role = Form.useWatch('role', form);
  const levels = grantable.data?.roles.find((r) => r.role === role)?.levels ?? [];
  const places = (regions.data ?? [])
    .filter((region) => levels.includes(region.code.length))
    .map((region) => ({ value: region.code, label: `${region.name}（${region.code}）` }));
  const roleOptions = (grantable.data?.roles ?? []).map((r) => ({ value: r.role, label: labelOf(ROLES, r.role, lang) }));
  const submit = (values: AccountCreate) => {
    setUnmatched([]);
    create.mutate(values, {
      onSuccess: (account) => {
        form.resetFields();
        onCreated(account);
      },
      onError: (error) => setUnmatched(applyProblemToForm(form, error, lang, ['username', 'display_name', 'role', 'jurisdiction'])),
    });
  };
  return (
    <Form form={form} layout="inline" onFinish={submit} data-testid="create-account-form" style={{ rowGap: 8 }}>
      {create.isError && <ProblemAlert error={create.error} extra={unmatched} />}
      <Form.Item name="username" label={t('登录名', 'Login name')} rules={[{ required: true, message: t('请输入登录名', 'Enter a login name') }]}>
        <Input style={{ width: 140 }} autoComplete="off" />
      </Form.Item>
      <Form.Item name="display_name" label={t('姓名', 'Name')} rules={[{ required: true, message: t('请输入姓名', 'Enter a name') }]}>
        <Input style={{ width: 160 }} />
      </Form.Item>
      <Form.Item name="role" label={t('角色', 'Role')} rules={[{ required: true, message: t('请选择角色', 'Choose a role') }]}>
        <Select style={{ width: 160 }} options={roleOptions} onChange={() => form.setFieldValue('jurisdiction', undefined)} />
      </Form.Item>
      <Form.Item name="jurisdiction" label={t('管辖范围', 'Jurisdiction')} rules={[{ required: true, message: t('请选择管辖范围', 'Choose a jurisdiction') }]}>
        <Select style={{ width: 240 }} showSearch optionFilterProp="label" options={places} disabled={!role} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={create.isPending}>
        {t('开通账号', 'Create account')}
      </Button>
    </Form>
  );
}

/** 账号与权限: accounts inside the jurisdiction; create, deactivate, reset, unlock (docs/roles.md). */
export function AccountsPage() {
  const t = useT();
  const { lang } = useLang();
  const { message } = App.useApp();
  const session = useSession()!;
  const [query, setQuery] = useState<{ q?: string; role?: string; page: number; size: number }>({ page: 1, size: 20 });
  const accounts = useAccounts(query);
  const action = useAccountAction();
  const reset = useResetPassword();
  const [shown, setShown] = useState<AccountWithPassword | null>(null);
  const [opened, setOpened] = useState<string>();
  const administers = ADMINISTRATORS.includes(session.role);
  const manages = (account: Account) =>
    account.username !== session.username && (administers || (session.role === 'township_officer' && account.role === 'worker'));
  const columns = useMemo(
    () => [
      // A login name is typed as it is (letters, digits, _ . -): shown as code, not translated.
      { title: t('登录名', 'Login name'), dataIndex: 'username', key: 'username', render: (v: string) => <code>{v}</code> },
      {
        title: t('姓名', 'Name'),
        dataIndex: 'display_name',
        key: 'display_name',
        render: (name: string, account: Account) => (
          <Typography.Link onClick={() => setOpened(account.id)} data-testid={`account-${account.username}`}>
            {name}
          </Typography.Link>
        ),
      },
      { title: t('角色', 'Role'), dataIndex: 'role', key: 'role', render: (role: string) => labelOf(ROLES, role, lang) },
      {
        title: t('管辖范围', 'Jurisdiction'),
        key: 'jurisdiction',
        render: (_: unknown, account: Account) => <RegionName code={account.jurisdiction} name={account.jurisdiction_name} />,
      },
      {
        title: t('状态', 'State'),
        key: 'state',
        render: (_: unknown, account: Account) => (
          <Space size={4} wrap>
            {account.active ? <Tag color="green">{t('启用', 'Active')}</Tag> : <Tag>{t('已停用', 'Deactivated')}</Tag>}
            {account.locked && <Tag color="red">{t(`已锁定（失败 ${account.failed_logins} 次）`, `Locked (${account.failed_logins} failures)`)}</Tag>}
            {account.must_change_password && <Tag color="orange">{t('待首次改密', 'Password to change')}</Tag>}
          </Space>
        ),
      },
      {
        title: t('操作', 'Actions'),
        key: 'actions',
        render: (_: unknown, account: Account) =>
          manages(account) && (
            <Space size={4} wrap>
              {account.active ? (
                <Popconfirm title={t('停用后该账号立即无法使用，确定？', 'The account stops working at once. Continue?')} onConfirm={() => action.mutate({ id: account.id, action: 'deactivate' }, { onSuccess: () => message.success(t('已停用', 'Deactivated')) })}>
                  <Button size="small" danger>{t('停用', 'Deactivate')}</Button>
                </Popconfirm>
              ) : (
                <Button size="small" onClick={() => action.mutate({ id: account.id, action: 'activate' })}>{t('启用', 'Activate')}</Button>
              )}
              <Popconfirm title={t('重置后原密码失效，确定？', 'The old password stops working. Continue?')} onConfirm={() => reset.mutate(account.id, { onSuccess: setShown })}>
                <Button size="small">{t('重置密码', 'Reset password')}</Button>
              </Popconfirm>
              {account.locked && (
                <Button size="small" onClick={() => action.mutate({ id: account.id, action: 'unlock' }, { onSuccess: () => message.success(t('已解除锁定', 'Unlocked')) })}>
                  {t('解除锁定', 'Unlock')}
                </Button>
              )}
            </Space>
          ),
      },
    ],
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [lang, session.username, session.role],
  );
  return (
    <>
      <PageTitle title={t('账号与权限', 'Accounts and roles')} />
      {administers && (
        <Card title={t('开通账号', 'New account')} style={{ marginBottom: 16 }}>
          <CreateAccountForm onCreated={setShown} />
        </Card>
      )}
      <Card>
        <Space wrap style={{ marginBottom: 16 }}>
          <Input.Search allowClear placeholder={t('登录名、姓名或手机号', 'Login, name or phone')} style={{ width: 240 }} onSearch={(q) => setQuery({ ...query, q: q || undefined, page: 1 })} data-testid="account-search" />
          <Select allowClear placeholder={t('角色', 'Role')} style={{ width: 160 }} options={optionsOf(ROLES, lang).filter((o) => o.value !== 'service')} onChange={(role) => setQuery({ ...query, role, page: 1 })} />
        </Space>
        {(action.isError || reset.isError) && <ProblemAlert error={action.error ?? reset.error} />}
        <QueryState query={accounts} what={t('账号', 'accounts')} isEmpty={(d) => d.items.length === 0} emptyText={t('没有符合条件的账号', 'No accounts match')}>
          {(data) => (
            <Table
              data-testid="accounts-table"
              rowKey="id"
              size="small"
              columns={columns}
              dataSource={data.items}
              pagination={{ current: data.page, pageSize: data.size, total: data.total, onChange: (page, size) => setQuery({ ...query, page, size }) }}
            />
          )}
        </QueryState>
      </Card>
      <PasswordNotice account={shown} onClose={() => setShown(null)} />
      <AccountDrawer accountId={opened} onClose={() => setOpened(undefined)} />
    </>
  );
}
