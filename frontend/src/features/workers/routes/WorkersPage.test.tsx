import { screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setSession } from '@/lib/session';
import { jsonResponse, problemResponse, renderPage } from '@/test/render';
import { WorkersPage } from './WorkersPage';

vi.mock('@/api/types/available', () => ({
  availableOperations: { registry: ['GET /v1/workers', 'POST /v1/workers'], payroll: [], assessment: [] },
}));

describe('WorkersPage', () => {
  const fetchMock = vi.fn<typeof fetch>();
  beforeEach(() => {
    setSession({ accessToken: 'token', refreshToken: null, role: 'township_officer', jurisdiction: '640104001', workerId: null, displayName: null, username: 'xq_town' });
    vi.stubGlobal('fetch', fetchMock);
  });
  afterEach(() => {
    fetchMock.mockReset();
    vi.unstubAllGlobals();
    setSession(null);
  });

  it('says so when no worker matches', async () => {
    fetchMock.mockResolvedValue(jsonResponse({ items: [], total: 0, page: 1, size: 20 }));
    renderPage(<WorkersPage />, { path: '/workers', route: '/workers?name=nobody' });
    expect(await screen.findByTestId('empty')).toHaveTextContent('没有符合条件的人员');
    const request = fetchMock.mock.calls[0][0] as Request;
    expect(request.url).toContain('/api/registry/v1/workers?name=nobody&page=1&size=20');
    expect(request.headers.get('Authorization')).toBe('Bearer token');
  });

  it('shows the failure and a retry button when the service fails', async () => {
    fetchMock.mockResolvedValue(
      problemResponse(503, { code: 'service_unavailable', message_zh: '服务暂不可用，请稍后重试', message_en: 'service unavailable' }),
    );
    renderPage(<WorkersPage />, { path: '/workers', route: '/workers' });
    const error = await screen.findByTestId('load-error');
    expect(error).toHaveTextContent('加载失败');
    expect(error).toHaveTextContent('服务暂不可用，请稍后重试');
    expect(screen.getByRole('button', { name: /重\s*试/ })).toBeInTheDocument();
  });

  it('lists workers with links to their pages', async () => {
    fetchMock.mockResolvedValue(
      jsonResponse({ items: [{ id: 'w-1', name: '李四', post: 'nx_staff', status: 'active', community_code: '640104001001' }], total: 1, page: 1, size: 20 }),
    );
    renderPage(<WorkersPage />, { path: '/workers', route: '/workers' });
    const link = await screen.findByRole('link', { name: '李四' });
    expect(link).toHaveAttribute('href', '/workers/w-1');
    expect(screen.getByText('专职工作人员')).toBeInTheDocument();
  });
});
