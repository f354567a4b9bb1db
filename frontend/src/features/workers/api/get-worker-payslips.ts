import { queryOptions, useQuery } from '@tanstack/react-query';
import { isAvailable, payrollClient, unwrap } from '@/lib/api-client';
import { ApiError } from '@/lib/problem';

export const workerPayslipsAvailable = () =>
  isAvailable('payroll', 'GET', '/v1/runs') && isAvailable('payroll', 'GET', '/v1/runs/{run_id}/payslips/{worker_id}');

/**
 * Payroll has no per-worker payslip list for officers: read the last runs of the worker's township
 * (at most 12) and this worker's payslip in each; a run the worker is not in answers 404 and is skipped.
 */
export const getWorkerPayslips = async (workerId: string, townshipCode: string, signal?: AbortSignal) => {
  const runs = unwrap(await payrollClient.GET('/v1/runs', { params: { query: { region: townshipCode, size: 12 } }, signal }));
  const done = runs.items.filter((run) => run.job_status === 'succeeded');
  const slips = await Promise.all(
    done.map(async (run) => {
      try {
        return unwrap(
          await payrollClient.GET('/v1/runs/{run_id}/payslips/{worker_id}', { params: { path: { run_id: run.id, worker_id: workerId } }, signal }),
        );
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) return null;
        throw error;
      }
    }),
  );
  return slips.filter((slip) => slip !== null).sort((a, b) => b.month.localeCompare(a.month));
};

export const getWorkerPayslipsQueryOptions = (workerId: string, townshipCode: string | undefined) =>
  queryOptions({
    queryKey: ['workers', 'payslips', workerId, townshipCode],
    queryFn: ({ signal }) => getWorkerPayslips(workerId, townshipCode!, signal),
    enabled: Boolean(townshipCode),
  });

export function useWorkerPayslips(workerId: string, townshipCode: string | undefined) {
  return useQuery(getWorkerPayslipsQueryOptions(workerId, townshipCode));
}
