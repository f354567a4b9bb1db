import { screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { jsonResponse, problemResponse, renderPage } from '@/test/render';
import { MyPayslips } from './MyPayslips';

vi.mock('@/api/types/available', () => ({
  availableOperations: { registry: [], payroll: ['GET /v1/me/payslips', 'GET /v1/me/payslips/{month}'], assessment: [] },
}));

const summary = { run_id: 'r-1', worker_id: 'w1', month: '2026-10', kind: 'monthly', worker_name: '张三', community_code: '640104001001', township_code: '640104001', county_code: '640104', post: 'nx_staff', gross: '5000.00', social_insurance: '500.00', housing_fund: '300.00', tax: '0.00', net: '4200.00' };

describe('MyPayslips', () => {
  const fetchMock = vi.fn<typeof fetch>();
  beforeEach(() => {
    vi.stubGlobal('fetch', fetchMock);
    fetchMock.mockImplementation(async (input) => {
      const url = new URL((input as Request).url);
      if (url.pathname === '/api/payroll/v1/me/payslips') return jsonResponse([summary]);
      return problemResponse(404, { code: 'not_found', message_zh: '不存在', message_en: 'not found' });
    });
  });
  afterEach(() => {
    fetchMock.mockReset();
    vi.unstubAllGlobals();
  });

  it('heads a month with one line beside the arrow: the month and its net pay, no heading block', async () => {
    renderPage(<MyPayslips />);
    const month = await screen.findByTestId('my-payslip-month');
    expect(month).toHaveTextContent(/^2026-10实发 ¥4,200\.00$/);
    const header = month.closest('.ant-collapse-header')!;
    expect(header.querySelector('h1, h2, h3, h4, h5, .ant-list-item-meta')).toBeNull();
    expect(header.querySelector('.ant-collapse-expand-icon')).not.toBeNull();
  });
});
