import { useMutation } from '@tanstack/react-query';
import { downloadFile, isAvailable } from '@/lib/api-client';

export const payrollSheetAvailable = () => isAvailable('payroll', 'GET', '/v1/runs/{run_id}/reports/payroll.xlsx');

/** The 工资表 (Excel) of one run. */
export const downloadPayrollSheet = ({ runId, name }: { runId: string; name: string }) =>
  downloadFile('payroll', `/v1/runs/${encodeURIComponent(runId)}/reports/payroll.xlsx`, name);

export function useDownloadPayrollSheet() {
  return useMutation({ mutationFn: downloadPayrollSheet });
}
