import { screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setSession } from '@/lib/session';
import { formatDateTime } from '@/lib/vocab';
import { jsonResponse, problemResponse, renderPage } from '@/test/render';
import { signIn } from '@/test/session';
import { PayrollRunPage } from './PayrollRunPage';

const login = (sub: string, role: string) => signIn(sub, role, '640104', '我');

const run = (state: string, extra: Record<string, unknown> = {}) => ({
  id: 'r1', region_code: '640104001', month: '2026-11', kind: 'monthly', state, job_status: 'succeeded', attempts: 1, processed: 3, total: 3,
  error: null, worker_count: 3, gross_total: '9000.00', net_total: '8000.00', employer_total: '11000.00', arrears_total: '0.00',
  created_by: 'town-1', created_at: '2026-12-03T06:43:00Z', calculated_at: '2026-12-03T06:44:00Z', approved_by: null, approved_at: null,
  paid_by: null, paid_at: null, bank_file_sha256: null, bank_file_by: null, bank_file_at: null, inputs_snapshot: null, ...extra,
});
const entry = (actor: string, action: string, actor_name: string, actor_role: string) => ({
  id: 1, at: '2026-12-03T06:43:00Z', actor, actor_role, actor_name, action, entity: 'payroll_run', entity_id: 'r1', region_code: '640104001', reason: null, request_id: null,
});
const TRAIL = [entry('cashier-1', 'approve', '兴庆区出纳', 'finance_officer'), entry('town-1', 'start', '兴庆区解放街街道人事专员', 'township_officer')];

describe('PayrollRunPage: each button only for whoever the payroll service lets press it', () => {
  const fetchMock = vi.fn<typeof fetch>();
  let current: ReturnType<typeof run>;
  let rules: unknown[] = [];
  beforeEach(() => {
    vi.stubGlobal('fetch', fetchMock);
    fetchMock.mockImplementation(async (input) => {
      const url = new URL((input as Request).url, 'http://x');
      if (url.pathname === '/api/payroll/v1/runs/r1') return jsonResponse(current);
      if (url.pathname === '/api/payroll/v1/runs/r1/payslips') return jsonResponse({ items: [], total: 0, page: 1, size: 50 });
      if (url.pathname === '/api/payroll/v1/audit') return jsonResponse({ items: TRAIL, total: TRAIL.length, page: 1, size: 200 });
      if (url.pathname === '/api/registry/v1/management-rules') return jsonResponse(rules);
      return problemResponse(404, { code: 'not_found', message_zh: '无', message_en: 'none' });
    });
  });
  afterEach(() => {
    fetchMock.mockReset();
    vi.unstubAllGlobals();
    setSession(null);
    rules = [];
  });
  const page = () => renderPage(<PayrollRunPage />, { path: '/payroll/runs/:runId', route: '/payroll/runs/r1' });
  // 发起 / 审批 / 发放: who (name and role as they acted, from the run's audit trail), a space, when.
  const actors = () => screen.getAllByTestId('actor-at').map((element) => element.textContent);
  const settled = () => waitFor(() => expect(actors()[0]).toBe(`兴庆区解放街街道人事专员（街道人事专员） ${formatDateTime('2026-12-03T06:43:00Z')}`));

  it('a finance officer may approve a calculated run, not recalculate or cancel it', async () => {
    current = run('calculated');
    login('finance-1', 'finance_officer');
    page();
    await settled();
    expect(screen.getByTestId('approve-run')).toBeInTheDocument();
    expect(screen.queryByTestId('recalculate-run')).toBeNull();
    expect(screen.queryByTestId('cancel-run')).toBeNull();
  });

  it('the township officer recalculates and cancels, and does not approve', async () => {
    current = run('calculated', { created_by: 'town-2' });
    login('town-1', 'township_officer');
    page();
    await screen.findByTestId('recalculate-run');
    expect(screen.getByTestId('cancel-run')).toBeInTheDocument();
    expect(screen.queryByTestId('approve-run')).toBeNull();
  });

  it('the auditor only reads', async () => {
    current = run('calculated');
    login('auditor-1', 'auditor');
    page();
    await settled();
    for (const id of ['recalculate-run', 'cancel-run', 'approve-run', 'pay-run']) expect(screen.queryByTestId(id)).toBeNull();
  });

  it('the approver is not offered 标记已发放; another finance officer is', async () => {
    current = run('approved', { approved_by: 'cashier-1', approved_at: '2026-12-03T07:00:00Z' });
    login('cashier-1', 'finance_officer');
    const { unmount } = page();
    await settled();
    expect(actors()[1]).toBe(`我（本人） ${formatDateTime('2026-12-03T07:00:00Z')}`);
    expect(screen.queryByTestId('pay-run')).toBeNull();
    unmount();
    login('finance-1', 'finance_officer');
    page();
    await screen.findByTestId('pay-run');
    // Who approved, by name and role as they acted, a space before the time.
    expect(actors()[1]).toBe(`兴庆区出纳（财务人员） ${formatDateTime('2026-12-03T07:00:00Z')}`);
  });

  it('the approver may mark it paid where the province relaxed the rule', async () => {
    current = run('approved', { approved_by: 'cashier-1', approved_at: '2026-12-03T07:00:00Z' });
    rules = [{ kind: 'duties.separation', region_prefix: '64', effective_from: '2026-01-01', source: '宁夏', params: { run_approver_not_payer: false } }];
    login('cashier-1', 'finance_officer');
    page();
    await screen.findByTestId('pay-run');
    await waitFor(() => expect(fetchMock.mock.calls.some(([input]) => (input as Request).url.includes('/management-rules?region=640104001'))).toBe(true));
  });
});
