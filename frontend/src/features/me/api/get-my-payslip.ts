import { queryOptions, useQuery } from '@tanstack/react-query';
import { payrollClient, unwrap } from '@/lib/api-client';

export const getMyPayslip = async (month: string, signal?: AbortSignal) =>
  unwrap(await payrollClient.GET('/v1/me/payslips/{month}', { params: { path: { month } }, signal }));

export const getMyPayslipQueryOptions = (month: string | null) =>
  queryOptions({ queryKey: ['me', 'payslip', month], queryFn: ({ signal }) => getMyPayslip(month!, signal), enabled: Boolean(month) });

export function useMyPayslip(month: string | null) {
  return useQuery(getMyPayslipQueryOptions(month));
}
