import { SafetyOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Form, Input, QRCode, Space, Typography } from 'antd';
import { useState } from 'react';
import { Navigate, useNavigate } from 'react-router-dom';
import { ProblemAlert } from '@/components/ProblemAlert';
import { homePathFor, useSession } from '@/lib/auth';
import { applyProblemToForm } from '@/lib/form-errors';
import { useLang, useT } from '@/lib/i18n';
import type { FieldProblem } from '@/lib/problem';
import { useConfirmSecondFactor, useSetupSecondFactor } from '../api/second-factor';

/**
 * Enrol a second factor (provincial admins and finance officers): a new seed shown as a QR code for the
 * authenticator app (and as text), confirmed with a first 6-digit code; from then on every login asks for a code.
 */
export function SecondFactorPage() {
  const t = useT();
  const { lang } = useLang();
  const navigate = useNavigate();
  const session = useSession();
  const [form] = Form.useForm<{ code: string }>();
  const setup = useSetupSecondFactor();
  const confirm = useConfirmSecondFactor();
  const [unmatched, setUnmatched] = useState<FieldProblem[]>([]);
  const [enrolled, setEnrolled] = useState(false);
  if (!session) return <Navigate to="/login" replace />;
  if (session.mustChangePassword) return <Navigate to="/change-password" replace />;
  const seed = setup.data;
  return (
    <Flex justify="center" align="center" style={{ minHeight: '100vh', padding: 16, background: '#f0f2f5' }}>
      <Card style={{ width: '100%', maxWidth: 480 }}>
        <Typography.Title level={3} style={{ textAlign: 'center' }}>
          <SafetyOutlined /> {t('双重验证（动态验证码）', 'Second factor (one-time codes)')}
        </Typography.Title>
        {session.secondFactorSetupRequired && (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 16 }}
            message={t('本地区规定您的角色必须启用动态验证码，启用后才能继续使用', 'Your region requires a second factor for your role: enrol to go on')}
          />
        )}
        {enrolled ? (
          <Space direction="vertical" style={{ width: '100%' }}>
            <Alert type="success" showIcon data-testid="second-factor-enrolled" message={t('已启用动态验证码：以后每次登录都需输入验证码', 'Second factor on: every login now asks for a code')} />
            <Button type="primary" block onClick={() => navigate(homePathFor(session.role), { replace: true })}>
              {t('返回', 'Back')}
            </Button>
          </Space>
        ) : !seed ? (
          <Space direction="vertical" style={{ width: '100%' }}>
            <Typography.Paragraph>
              {t(
                '启用后，登录时除密码外还需输入手机验证器应用（如微信小程序、Google Authenticator、Microsoft Authenticator）生成的 6 位动态验证码。重新生成会使原有密钥失效。',
                'Once enrolled, every login asks for the 6-digit code of an authenticator app besides the password. Generating again replaces any earlier seed.',
              )}
            </Typography.Paragraph>
            {setup.isError && <ProblemAlert error={setup.error} />}
            <Button type="primary" block loading={setup.isPending} onClick={() => setup.mutate()}>
              {t('生成密钥', 'Generate a seed')}
            </Button>
            {!session.secondFactorSetupRequired && (
              <Button block onClick={() => navigate(-1)}>
                {t('返回', 'Back')}
              </Button>
            )}
          </Space>
        ) : (
          <Space direction="vertical" style={{ width: '100%' }}>
            <Typography.Text>{t('1. 用验证器应用扫描二维码（或手动输入密钥）', '1. Scan the QR code with the authenticator app (or type the secret)')}</Typography.Text>
            <Flex justify="center">
              <QRCode value={seed.otpauth_uri} size={200} data-testid="totp-qr" />
            </Flex>
            <Typography.Text>
              {t('密钥', 'Secret')}：
              <Typography.Text code copyable data-testid="totp-secret">
                {seed.secret}
              </Typography.Text>
            </Typography.Text>
            <Typography.Text type="secondary" style={{ wordBreak: 'break-all', fontSize: 12 }} data-testid="totp-uri">
              {seed.otpauth_uri}
            </Typography.Text>
            <Typography.Text>{t('2. 输入应用显示的 6 位验证码确认', '2. Enter the 6-digit code the app shows to confirm')}</Typography.Text>
            <Form
              form={form}
              layout="vertical"
              requiredMark={false}
              onFinish={({ code }) => {
                setUnmatched([]);
                confirm.mutate(code, {
                  onSuccess: () => setEnrolled(true),
                  onError: (error) => setUnmatched(applyProblemToForm(form, error, lang, ['code'])),
                });
              }}
            >
              {confirm.isError && <ProblemAlert error={confirm.error} extra={unmatched} />}
              <Form.Item
                name="code"
                label={t('验证码', 'Code')}
                rules={[{ required: true, pattern: /^\d{6}$/, message: t('请输入 6 位数字验证码', 'Enter the 6-digit code') }]}
              >
                <Input inputMode="numeric" autoComplete="one-time-code" maxLength={6} />
              </Form.Item>
              <Button type="primary" htmlType="submit" block loading={confirm.isPending}>
                {t('确认启用', 'Confirm and enable')}
              </Button>
            </Form>
          </Space>
        )}
      </Card>
    </Flex>
  );
}
