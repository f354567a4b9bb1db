import { queryOptions, useQuery } from '@tanstack/react-query';
import { isAvailable, payrollClient, unwrap } from '@/lib/api-client';

export const myPayslipsAvailable = () => isAvailable('payroll', 'GET', '/v1/me/payslips');

export const getMyPayslips = async (signal?: AbortSignal) => unwrap(await payrollClient.GET('/v1/me/payslips', { signal }));

export const getMyPayslipsQueryOptions = () => queryOptions({ queryKey: ['me', 'payslips'], queryFn: ({ signal }) => getMyPayslips(signal) });

export function useMyPayslips() {
  return useQuery(getMyPayslipsQueryOptions());
}
