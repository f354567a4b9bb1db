import { Descriptions, Drawer, Tag } from 'antd';
import { Link } from 'react-router-dom';
import { PersonName, RegionName } from '@/components/Names';
import { QueryState } from '@/components/QueryState';
import { useLang, useT } from '@/lib/i18n';
import { formatDateTime, labelOf, ROLES } from '@/lib/vocab';
import { useAccount } from '../api/get-account';

/** One account's facts: who, which role where, its state, when and by whom it was opened. */
export function AccountDrawer({ accountId, onClose }: { accountId: string | undefined; onClose: () => void }) {
  const t = useT();
  const { lang } = useLang();
  const account = useAccount(accountId);
  return (
    <Drawer open={Boolean(accountId)} onClose={onClose} title={t('账号详情', 'Account')} width={480} destroyOnHidden>
      <QueryState query={account} what={t('账号', 'account')}>
        {(a) => (
          <Descriptions size="small" column={1} bordered data-testid="account-detail">
            <Descriptions.Item label={t('姓名', 'Name')}>{a.display_name}</Descriptions.Item>
            <Descriptions.Item label={t('登录名', 'Login name')}><code>{a.username}</code></Descriptions.Item>
            <Descriptions.Item label={t('角色', 'Role')}>{labelOf(ROLES, a.role, lang)}</Descriptions.Item>
            <Descriptions.Item label={t('管辖范围', 'Jurisdiction')}><RegionName code={a.jurisdiction} name={a.jurisdiction_name} /></Descriptions.Item>
            <Descriptions.Item label={t('手机号', 'Phone')}>{a.phone || '—'}</Descriptions.Item>
            {a.worker_id && (
              <Descriptions.Item label={t('人员档案', 'Worker record')}>
                <Link to={`/workers/${a.worker_id}`}>{t('查看档案', 'Open the record')}</Link>
              </Descriptions.Item>
            )}
            <Descriptions.Item label={t('状态', 'State')}>
              {a.active ? <Tag color="green">{t('启用', 'Active')}</Tag> : <Tag>{t('已停用', 'Deactivated')}</Tag>}
              {a.locked && <Tag color="red">{t('已锁定', 'Locked')}</Tag>}
              {a.must_change_password && <Tag color="orange">{t('待首次改密', 'Password to change')}</Tag>}
            </Descriptions.Item>
            <Descriptions.Item label={t('连续登录失败', 'Failed logins')}>{t(`${a.failed_logins} 次`, String(a.failed_logins))}</Descriptions.Item>
            <Descriptions.Item label={t('开通时间', 'Opened')}>{formatDateTime(a.created_at)}</Descriptions.Item>
            <Descriptions.Item label={t('开通人', 'Opened by')}><PersonName subject={a.created_by} /></Descriptions.Item>
            {a.deactivated_at && <Descriptions.Item label={t('停用时间', 'Deactivated')}>{formatDateTime(a.deactivated_at)}</Descriptions.Item>}
          </Descriptions>
        )}
      </QueryState>
    </Drawer>
  );
}
