import { LockOutlined, SafetyOutlined, UserOutlined } from '@ant-design/icons';
import { Button, Form, Input } from 'antd';
import { useState } from 'react';
import { ProblemAlert } from '@/components/ProblemAlert';
import type { Session } from '@/lib/session';
import { applyProblemToForm } from '@/lib/form-errors';
import { useLang, useT } from '@/lib/i18n';
import { ApiError, type FieldProblem } from '@/lib/problem';
import { useLogin, type LoginInput } from '../api/login';

export function LoginForm({ onSuccess }: { onSuccess: (session: Session) => void }) {
  const [form] = Form.useForm<LoginInput>();
  const t = useT();
  const { lang } = useLang();
  const login = useLogin();
  const [unmatched, setUnmatched] = useState<FieldProblem[]>([]);
  // The account has a second factor: the API answered 401 otp_required, so the form asks for the code.
  const [needOtp, setNeedOtp] = useState(false);

  const submit = (values: LoginInput) => {
    setUnmatched([]);
    login.mutate(values, {
      onSuccess,
      onError: (error) => {
        if (error instanceof ApiError && error.code === 'otp_required') setNeedOtp(true);
        setUnmatched(applyProblemToForm(form, error, lang, ['username', 'password', 'otp']));
      },
    });
  };
  const otpAsked = login.error instanceof ApiError && login.error.code === 'otp_required';

  return (
    <Form form={form} layout="vertical" onFinish={submit} requiredMark={false} aria-label={t('登录', 'Log in')}>
      {login.isError && !otpAsked && <ProblemAlert error={login.error} extra={unmatched} />}
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
      {needOtp && (
        <Form.Item
          name="otp"
          label={t('动态验证码', 'One-time code')}
          extra={t('请输入验证器应用显示的 6 位验证码', 'The 6-digit code your authenticator app shows')}
          rules={[{ required: true, pattern: /^\d{6}$/, message: t('请输入 6 位数字验证码', 'Enter the 6-digit code') }]}
        >
          <Input prefix={<SafetyOutlined />} inputMode="numeric" autoComplete="one-time-code" maxLength={6} autoFocus />
        </Form.Item>
      )}
      <Button type="primary" htmlType="submit" block loading={login.isPending}>
        {t('登录', 'Log in')}
      </Button>
    </Form>
  );
}
