import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setSession } from '@/lib/session';
import { formatDateTime } from '@/lib/vocab';
import { jsonResponse, problemResponse, renderPage } from '@/test/render';
import { signIn } from '@/test/session';
import { FinancePage } from './FinancePage';

const login = (sub: string, role: string) => signIn(sub, role, '640104', '我');

const run = (id: string, month: string, state: string, extra: Record<string, unknown> = {}) => ({
  id, region_code: '640104001', month, kind: 'monthly', state, job_status: 'succeeded', attempts: 1, processed: 3, total: 3, error: null,
  worker_count: 3, gross_total: '9000.00', net_total: '8000.00', employer_total: '11000.00', arrears_total: '0.00', created_by: 'town-1',
  created_at: '2026-12-01T00:00:00Z', calculated_at: '2026-12-01T00:01:00Z', approved_by: 'cashier-1', approved_at: '2026-12-02T00:00:00Z',
  paid_by: null, paid_at: null, bank_file_sha256: null, bank_file_by: null, bank_file_at: null, ...extra,
});
const RUNS = {
  approved: [run('r1', '2026-11', 'approved')],
  paid: [run('r0', '2026-10', 'paid', { paid_by: 'finance-1', paid_at: '2026-11-05T02:00:00Z', bank_file_sha256: 'ab'.repeat(32) })],
};
const entry = (actor: string, action: string, actor_name: string, entity_id: string) => ({
  id: 1, at: '2026-12-02T00:00:00Z', actor, actor_role: 'finance_officer', actor_name, action, entity: 'payroll_run', entity_id, region_code: '640104001', reason: null, request_id: null,
});

describe('FinancePage: 标记已发放 and the exports only for whoever the payroll service lets do them', () => {
  const fetchMock = vi.fn<typeof fetch>();
  beforeEach(() => {
    vi.stubGlobal('fetch', fetchMock);
    fetchMock.mockImplementation(async (input) => {
      const url = new URL((input as Request).url, 'http://x');
      if (url.pathname === '/api/payroll/v1/runs') {
        const items = RUNS[url.searchParams.get('state') as 'approved' | 'paid'] ?? [];
        return jsonResponse({ items, total: items.length, page: 1, size: 100 });
      }
      if (url.pathname === '/api/payroll/v1/audit') {
        const items = url.searchParams.get('action') === 'approve' ? [entry('cashier-1', 'approve', '兴庆区出纳', 'r1')] : [entry('finance-1', 'pay', '兴庆区会计', 'r0')];
        return jsonResponse({ items, total: 1, page: 1, size: 200 });
      }
      if (url.pathname === '/api/registry/v1/management-rules') return jsonResponse([]);
      return problemResponse(404, { code: 'not_found', message_zh: '无', message_en: 'none' });
    });
  });
  afterEach(() => {
    fetchMock.mockReset();
    vi.unstubAllGlobals();
    setSession(null);
  });
  const rowOf = async (table: string) => (await within(await screen.findByTestId(table)).findByRole('link')).closest('tr') as HTMLElement;
  const toPay = () => rowOf('runs-to-pay');

  it('the approver is not offered 标记已发放 and is told why', async () => {
    login('cashier-1', 'finance_officer');
    renderPage(<FinancePage />);
    const row = await toPay();
    expect(within(row).getByTestId('pay-by-another')).toHaveTextContent('本人审批，须由其他财务人员标记发放');
    expect(within(row).queryByTestId('mark-paid')).toBeNull();
    expect(within(row).getByTestId('bank-file-csv')).toBeInTheDocument();
    expect(screen.getByRole('tab', { name: '个税扣缴申报' })).toBeInTheDocument();
  });

  it('another finance officer marks it paid; approver and payer are named with their role and the time', async () => {
    login('finance-1', 'finance_officer');
    renderPage(<FinancePage />);
    const row = await toPay();
    expect(within(row).getByTestId('mark-paid')).toBeInTheDocument();
    await waitFor(() => expect(within(row).getByTestId('actor-at').textContent).toBe(`兴庆区出纳（财务人员） ${formatDateTime('2026-12-02T00:00:00Z')}`));
    const paid = await rowOf('paid-runs');
    expect(within(paid).getByTestId('actor-at').textContent).toBe(`我（本人） ${formatDateTime('2026-11-05T02:00:00Z')}`);
  });

  it('the auditor reads: no bank file, no 标记已发放, no withholding export', async () => {
    login('auditor-1', 'auditor');
    renderPage(<FinancePage />);
    const row = await toPay();
    expect(within(row).queryByTestId('mark-paid')).toBeNull();
    expect(within(row).queryByTestId('pay-by-another')).toBeNull();
    expect(within(row).queryByTestId('bank-file-csv')).toBeNull();
    expect(screen.queryByRole('tab', { name: '个税扣缴申报' })).toBeNull();
    expect(screen.queryByTestId('download-withholding')).toBeNull();
  });
});
