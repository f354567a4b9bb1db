import { KeyOutlined } from '@ant-design/icons';
import { Alert, Button, Modal, Popconfirm, Space, Typography } from 'antd';
import { useState } from 'react';
import { ProblemAlert } from '@/components/ProblemAlert';
import { useT } from '@/lib/i18n';
import { useCreateWorkerAccount } from '../api/create-worker-account';

/** Open the worker's own account (login by national ID or phone); the initial password is shown once. */
export function WorkerAccountButton({ workerId }: { workerId: string }) {
  const t = useT();
  const create = useCreateWorkerAccount();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Popconfirm
        title={t('为该社区工作者开通本人账号？', "Open this worker's own account?")}
        onConfirm={() => create.mutate(workerId, { onSettled: () => setOpen(true) })}
      >
        <Button icon={<KeyOutlined />} loading={create.isPending}>
          {t('开通本人账号', 'Open account')}
        </Button>
      </Popconfirm>
      <Modal open={open} title={t('本人账号', "Worker's account")} onOk={() => setOpen(false)} onCancel={() => setOpen(false)} cancelButtonProps={{ style: { display: 'none' } }}>
        {create.isError && <ProblemAlert error={create.error} />}
        {create.data && (
          <Space direction="vertical">
            <Typography.Text>{t('登录名：身份证号或手机号', 'Login: national ID number or phone')}</Typography.Text>
            <Typography.Text>
              {t('初始密码', 'Initial password')}：
              <Typography.Text strong copyable data-testid="worker-initial-password">
                {create.data.initial_password}
              </Typography.Text>
            </Typography.Text>
            <Alert type="warning" showIcon message={t('只显示这一次；首次登录须修改密码。离职后账号自动停用。', 'Shown only now; the first login must change it. The account stops when the worker leaves.')} />
          </Space>
        )}
      </Modal>
    </>
  );
}
