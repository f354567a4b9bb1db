import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { payrollClient, unwrap } from '@/lib/api-client';

export const getRunPayslips = async (runId: string, page: number, size: number, signal?: AbortSignal) =>
  unwrap(await payrollClient.GET('/v1/runs/{run_id}/payslips', { params: { path: { run_id: runId }, query: { page, size } }, signal }));

export const getRunPayslipsQueryOptions = (runId: string, page: number, size: number, enabled: boolean) =>
  queryOptions({
    queryKey: ['payroll', 'run', runId, 'payslips', page, size],
    queryFn: ({ signal }) => getRunPayslips(runId, page, size, signal),
    placeholderData: keepPreviousData,
    enabled,
  });

export function useRunPayslips(runId: string, page: number, size: number, enabled: boolean) {
  return useQuery(getRunPayslipsQueryOptions(runId, page, size, enabled));
}
