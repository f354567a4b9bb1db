import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Button, Form, Input } from 'antd';
import { useState } from 'react';
import { ProblemAlert } from '@/components/ProblemAlert';
import type { Session } from '@/lib/session';
import { applyProblemToForm } from '@/lib/form-errors';
import { useLang, useT } from '@/lib/i18n';
import type { FieldProblem } from '@/lib/problem';
import { useLogin, type LoginInput } from '../api/login';

export function LoginForm({ onSuccess }: { onSuccess: (session: Session) => void }) {
  const [form] = Form.useForm<LoginInput>();
  const t = useT();
  const { lang } = useLang();
  const login = useLogin();
  const [unmatched, setUnmatched] = useState<FieldProblem[]>([]);

  const submit = (values: LoginInput) => {
    setUnmatched([]);
    login.mutate(values, {
      onSuccess,
      onError: (error) => setUnmatched(applyProblemToForm(form, error, lang, ['username', 'password'])),
    });
  };

  return (
    <Form form={form} layout="vertical" onFinish={submit} requiredMark={false} aria-label={t('登录', 'Log in')}>
      {login.isError && <ProblemAlert error={login.error} extra={unmatched} />}
      <Form.Item
        name="username"
        label={t('用户名', 'Username')}
        rules={[{ required: true, message: t('请输入用户名', 'Enter your username') }]}
      >
        <Input prefix={<UserOutlined />} autoComplete="username" autoFocus />
      </Form.Item>
      <Form.Item
        name="password"
        label={t('密码', 'Password')}
        rules={[{ required: true, message: t('请输入密码', 'Enter your password') }]}
      >
        <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
      </Form.Item>
      <Button type="primary" htmlType="submit" block loading={login.isPending}>
        {t('登录', 'Log in')}
      </Button>
    </Form>
  );
}
