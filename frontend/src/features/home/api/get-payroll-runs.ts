import { queryOptions, useQuery } from '@tanstack/react-query';
import { isAvailable, payrollClient, unwrap } from '@/lib/api-client';

export const payrollRunsAvailable = () => isAvailable('payroll', 'GET', '/v1/runs');

export const getPayrollRuns = async (region: string, signal?: AbortSignal) =>
  unwrap(await payrollClient.GET('/v1/runs', { params: { query: { region: region || undefined, size: 24 } }, signal }));

export const getPayrollRunsQueryOptions = (region: string) =>
  queryOptions({ queryKey: ['home', 'runs', region], queryFn: ({ signal }) => getPayrollRuns(region, signal) });

export function usePayrollRuns(region: string) {
  return useQuery(getPayrollRunsQueryOptions(region));
}
