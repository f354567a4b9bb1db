import { queryOptions, useQuery } from '@tanstack/react-query';
import { payrollClient, unwrap } from '@/lib/api-client';

export const getPayslip = async (runId: string, workerId: string, signal?: AbortSignal) =>
  unwrap(await payrollClient.GET('/v1/runs/{run_id}/payslips/{worker_id}', { params: { path: { run_id: runId, worker_id: workerId } }, signal }));

export const getPayslipQueryOptions = (runId: string, workerId: string | null) =>
  queryOptions({
    queryKey: ['payroll', 'run', runId, 'payslip', workerId],
    queryFn: ({ signal }) => getPayslip(runId, workerId!, signal),
    enabled: Boolean(workerId),
  });

export function usePayslip(runId: string, workerId: string | null) {
  return useQuery(getPayslipQueryOptions(runId, workerId));
}
