import { fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { setSession } from '@/lib/session';
import { jsonResponse, problemResponse, renderPage } from '@/test/render';
import { MyTaxPage } from './MyTaxPage';

const slip = (month: string) => ({ run_id: `r-${month}`, worker_id: 'w1', month, kind: 'monthly', net: '4200.00' });
const noPayslip = problemResponse(404, { code: 'not_found', message_zh: '2025-03 没有您的工资条', message_en: 'you have no payslip for 2025-03' });

describe('MyTaxPage: 下载当月工资条', () => {
  const fetchMock = vi.fn<typeof fetch>();
  const asked = () => fetchMock.mock.calls.map(([input]) => new URL((input as Request).url).pathname);
  const serve = (payslips: unknown[]) => {
    setSession({ accessToken: 'token', refreshToken: null, role: 'worker', jurisdiction: '640104001001', workerId: 'w1', displayName: null, username: 'xq_worker' });
    vi.stubGlobal('fetch', fetchMock);
    fetchMock.mockImplementation(async (input) => {
      const url = new URL((input as Request).url);
      if (url.pathname === '/api/payroll/v1/me/payslips') return jsonResponse(payslips);
      if (url.pathname.endsWith('/pdf')) return noPayslip;
      return problemResponse(404, { code: 'not_found', message_zh: '不存在', message_en: 'not found' });
    });
  };
  afterEach(() => {
    fetchMock.mockReset();
    vi.unstubAllGlobals();
    setSession(null);
  });

  it('defaults to the latest month that has a payslip, and downloads that month', async () => {
    serve([slip('2025-01'), slip('2025-03'), slip('2025-02')]);
    renderPage(<MyTaxPage />);
    const month = await screen.findByLabelText('月份');
    await waitFor(() => expect(month).toHaveValue('2025-03'));
    fireEvent.click(screen.getByTestId('download-month-pdf'));
    await waitFor(() => expect(asked()).toContain('/api/payroll/v1/me/payslips/2025-03/pdf'));
  });

  it('with no payslip yet: nothing to download, and says why', async () => {
    serve([]);
    renderPage(<MyTaxPage />);
    expect(await screen.findByTestId('no-payslips-yet')).toHaveTextContent('还没有已审批的工资条');
    expect(screen.getByTestId('download-month-pdf')).toBeDisabled();
  });
});
