import { LockOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { Navigate, useNavigate } from 'react-router-dom';
import { ProblemAlert } from '@/components/ProblemAlert';
import { homePathFor, useSession } from '@/lib/auth';
import { applyProblemToForm } from '@/lib/form-errors';
import { useLang, useT } from '@/lib/i18n';
import type { FieldProblem } from '@/lib/problem';
import { useChangePassword } from '../api/change-password';

interface Values {
  current_password: string;
  new_password: string;
  confirm: string;
}

/** One's own password: required first after an initial or reset password (the API refuses everything else). */
export function ChangePasswordPage() {
  const t = useT();
  const { lang } = useLang();
  const navigate = useNavigate();
  const session = useSession();
  const [form] = Form.useForm<Values>();
  const change = useChangePassword();
  const [unmatched, setUnmatched] = useState<FieldProblem[]>([]);
  const submit = ({ current_password, new_password }: Values) => {
    setUnmatched([]);
    change.mutate(
      { current_password, new_password },
      {
        onSuccess: (next) => navigate(homePathFor(next.role), { replace: true }),
        onError: (error) => setUnmatched(applyProblemToForm(form, error, lang, ['current_password', 'new_password'])),
      },
    );
  };
  if (!session) return <Navigate to="/login" replace />;
  return (
    <Flex justify="center" align="center" style={{ minHeight: '100vh', padding: 16, background: '#f0f2f5' }}>
      <Card style={{ width: '100%', maxWidth: 420 }}>
        <Typography.Title level={3} style={{ textAlign: 'center' }}>
          {t('修改密码', 'Change your password')}
        </Typography.Title>
        {session.mustChangePassword && (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 16 }}
            message={t('首次登录或密码已被管理员重置，请先设置新密码', 'First login or a reset password: set a new password first')}
            description={t('至少 10 位，不能是常见密码，不能包含登录名或姓名。', 'At least 10 characters, not a common password, not containing the login name or your name.')}
          />
        )}
        <Form form={form} layout="vertical" onFinish={submit} requiredMark={false} aria-label={t('修改密码', 'Change password')}>
          {change.isError && <ProblemAlert error={change.error} extra={unmatched} />}
          <Form.Item name="current_password" label={t('当前密码', 'Current password')} rules={[{ required: true, message: t('请输入当前密码', 'Enter your current password') }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" autoFocus />
          </Form.Item>
          <Form.Item name="new_password" label={t('新密码', 'New password')} rules={[{ required: true, min: 10, message: t('新密码至少 10 位', 'At least 10 characters') }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="new-password" />
          </Form.Item>
          <Form.Item
            name="confirm"
            label={t('确认新密码', 'Repeat the new password')}
            dependencies={['new_password']}
            rules={[
              { required: true, message: t('请再次输入新密码', 'Repeat the new password') },
              ({ getFieldValue }) => ({
                validator: (_, value) =>
                  !value || getFieldValue('new_password') === value
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('两次输入的新密码不一致', 'The two new passwords differ'))),
              }),
            ]}
          >
            <Input.Password prefix={<LockOutlined />} autoComplete="new-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={change.isPending}>
            {t('确认修改', 'Change password')}
          </Button>
        </Form>
      </Card>
    </Flex>
  );
}
