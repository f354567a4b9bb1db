import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { getSession, setSession } from '@/lib/session';
import { jsonResponse, problemResponse, renderPage } from '@/test/render';
import { LoginForm } from './LoginForm';

describe('LoginForm', () => {
  const fetchMock = vi.fn<typeof fetch>();
  beforeEach(() => {
    setSession(null);
    vi.stubGlobal('fetch', fetchMock);
  });
  afterEach(() => {
    fetchMock.mockReset();
    vi.unstubAllGlobals();
  });

  async function submit(username: string, password: string) {
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('用户名'), username);
    await user.type(screen.getByLabelText('密码'), password);
    await user.click(screen.getByRole('button', { name: /登\s*录/ }));
  }

  it('shows the API message in Chinese when the credentials are refused, and keeps no session', async () => {
    fetchMock.mockResolvedValue(
      problemResponse(401, { code: 'invalid_credentials', message_zh: '用户名或密码错误', message_en: 'wrong username or password' }),
    );
    const onSuccess = vi.fn();
    renderPage(<LoginForm onSuccess={onSuccess} />);
    await submit('xq_town', 'wrong');
    expect(await screen.findByRole('alert')).toHaveTextContent('用户名或密码错误');
    expect(onSuccess).not.toHaveBeenCalled();
    expect(getSession()).toBeNull();
    // The form is posted form-encoded to the gateway's auth route.
    const [url, init] = fetchMock.mock.calls[0];
    expect(url).toBe('/api/auth/token');
    expect(String(init?.body)).toBe('grant_type=password&username=xq_town&password=wrong');
  });

  it('puts field errors from the API next to the field', async () => {
    fetchMock.mockResolvedValue(
      problemResponse(422, {
        code: 'validation_failed',
        message_zh: '字段校验失败: username',
        message_en: 'validation failed: username',
        errors: [{ field: 'username', code: 'string_too_long', message_zh: '长度过长', message_en: 'too long' }],
      }),
    );
    renderPage(<LoginForm onSuccess={vi.fn()} />);
    await submit('x'.repeat(70), 'secret');
    const explain = await screen.findByText('长度过长');
    expect(explain.closest('.ant-form-item')).toContainElement(screen.getByLabelText('用户名'));
  });

  it('says the network failed when the gateway cannot be reached', async () => {
    fetchMock.mockRejectedValue(new TypeError('Failed to fetch'));
    renderPage(<LoginForm onSuccess={vi.fn()} />);
    await submit('xq_town', 'Demo@2025');
    expect(await screen.findByRole('alert')).toHaveTextContent('网络连接失败');
  });

  it('stores the session and reports success', async () => {
    fetchMock.mockResolvedValue(
      jsonResponse({ access_token: 'a', refresh_token: 'r', expires_in: 900, token_type: 'bearer', role: 'township_officer', jurisdiction: '640104001', display_name: '人事专员' }),
    );
    const onSuccess = vi.fn();
    renderPage(<LoginForm onSuccess={onSuccess} />);
    await submit('xq_town', 'Demo@2025');
    await waitFor(() => expect(onSuccess).toHaveBeenCalled());
    expect(getSession()).toMatchObject({ accessToken: 'a', refreshToken: 'r', role: 'township_officer', jurisdiction: '640104001' });
    expect(JSON.parse(sessionStorage.getItem('cwm.session')!)).toMatchObject({ accessToken: 'a' });
  });
  it('asks for the one-time code when the API answers otp_required, and sends it with the credentials', async () => {
    fetchMock
      .mockResolvedValueOnce(problemResponse(401, { code: 'otp_required', message_zh: '请输入动态验证码', message_en: 'enter the one-time code' }))
      .mockResolvedValueOnce(
        jsonResponse({ access_token: 'a', refresh_token: 'r', expires_in: 900, token_type: 'bearer', role: 'finance_officer', jurisdiction: '640104001' }),
      );
    const onSuccess = vi.fn();
    renderPage(<LoginForm onSuccess={onSuccess} />);
    await submit('xq_finance', 'Demo@2025');
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText('动态验证码'), '123456');
    await user.click(screen.getByRole('button', { name: /登\s*录/ }));
    await waitFor(() => expect(onSuccess).toHaveBeenCalled());
    expect(String(fetchMock.mock.calls[1][1]?.body)).toBe('grant_type=password&username=xq_finance&password=Demo%402025&otp=123456');
  });
});
