import { useMutation } from '@tanstack/react-query';
import { downloadFile, isAvailable } from '@/lib/api-client';

export const withholdingAvailable = () => isAvailable('payroll', 'GET', '/v1/reports/withholding.xlsx');

/** The month's withholding declaration (扣缴申报 正常工资薪金所得) for the tax client. */
export const downloadWithholding = ({ month }: { month: string }) =>
  downloadFile('payroll', '/v1/reports/withholding.xlsx', `正常工资薪金所得-${month}.xlsx`, { month });

export function useDownloadWithholding() {
  return useMutation({ mutationFn: downloadWithholding });
}
