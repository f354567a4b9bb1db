import { screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setSession } from '@/lib/session';
import { jsonResponse, renderPage } from '@/test/render';
import { OneOffItemsPage } from './OneOffItemsPage';

vi.mock('@/api/types/available', () => ({
  availableOperations: {
    registry: [],
    payroll: ['GET /v1/one-off-items', 'GET /v1/one-off-items/kinds', 'PUT /v1/one-off-items/{item_id}', 'DELETE /v1/one-off-items/{item_id}'],
    assessment: [],
  },
}));

const item = (id: number, name: string, paidBy: Record<string, string> | null) => ({
  id, worker_id: `w-${id}`, worker_name: name, region_code: '640104001001', month: '2026-10', kind: 'heating',
  label_zh: '取暖费', amount: '1500.00', taxable: true, clause: 'NX', basis: '通知', source: 'officer',
  created_by: 'xq_town', created_at: '2026-10-05T00:00:00Z', updated_at: '2026-10-05T00:00:00Z', paid_by: paidBy,
});

describe('OneOffItemsPage', () => {
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

  it('shows which run pays each item and locks the ones an approved run paid', async () => {
    fetchMock.mockImplementation(async (input) => {
      const url = (input as Request).url;
      if (url.includes('/kinds')) return jsonResponse([{ code: 'heating', label_zh: '取暖费', label_en: 'heating', effect: 'earning', clause: 'NX', taxable_default: true }]);
      return jsonResponse([
        item(1, '张三', null),
        item(2, '李四', { run_id: 'r-1', region_code: '640104001', month: '2026-10', kind: 'monthly', state: 'calculated' }),
        item(3, '王五', { run_id: 'r-2', region_code: '640104001', month: '2026-10', kind: 'one-off', state: 'approved' }),
      ]);
    });
    renderPage(<OneOffItemsPage />, { path: '/one-off-items', route: '/one-off-items' });
    const row = async (name: string) => (await screen.findByText(name)).closest('tr') as HTMLElement;
    expect(within(await row('张三')).getByText('未计入批次')).toBeInTheDocument();
    expect(within(await row('张三')).getByRole('button', { name: /修\s*改/ })).toBeInTheDocument();
    expect(within(await row('李四')).getByTestId('one-off-paid-by')).toHaveTextContent('月度工资 · 已核算，待审批');
    expect(within(await row('李四')).getByRole('button', { name: /修\s*改/ })).toBeInTheDocument();
    const locked = await row('王五');
    expect(within(locked).getByTestId('one-off-paid-by')).toHaveTextContent('一次性项目 · 已审批，待发放');
    expect(within(locked).getByText('已审批，不能修改')).toBeInTheDocument();
    expect(within(locked).queryByRole('button', { name: /修\s*改/ })).toBeNull();
  });
});
