import { useMutation } from '@tanstack/react-query';
import { downloadFile, isAvailable } from '@/lib/api-client';

export const payslipPdfAvailable = () => isAvailable('payroll', 'GET', '/v1/me/payslips/{month}/pdf');

/** My payslip of a month (月份) or my year's statement (年度) as PDF. */
export const downloadPayslipPdf = ({ month, year }: { month?: string; year?: number }) =>
  month
    ? downloadFile('payroll', `/v1/me/payslips/${encodeURIComponent(month)}/pdf`, `工资条-${month}.pdf`)
    : downloadFile('payroll', `/v1/me/payslips/year/${String(year)}/pdf`, `工资年度明细-${year}.pdf`);

export function useDownloadPayslipPdf() {
  return useMutation({ mutationFn: downloadPayslipPdf });
}
