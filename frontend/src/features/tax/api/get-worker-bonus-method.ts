import { queryOptions, useQuery } from '@tanstack/react-query';
import { isAvailable, payrollClient, unwrap } from '@/lib/api-client';

export const workerBonusMethodAvailable = () => isAvailable('payroll', 'GET', '/v1/workers/{worker_id}/year-end-bonus-tax/{year}');

/** How a worker's year-end one-off bonus is taxed in a tax year (officers inside the jurisdiction). */
export const getWorkerBonusMethod = async (workerId: string, year: number, signal?: AbortSignal) =>
  unwrap(await payrollClient.GET('/v1/workers/{worker_id}/year-end-bonus-tax/{year}', { params: { path: { worker_id: workerId, year } }, signal }));

export const getWorkerBonusMethodQueryOptions = (workerId: string, year: number) =>
  queryOptions({
    queryKey: ['payroll', 'bonus-method', workerId, year],
    queryFn: ({ signal }) => getWorkerBonusMethod(workerId, year, signal),
    enabled: Boolean(workerId),
  });

export function useWorkerBonusMethod(workerId: string, year: number) {
  return useQuery(getWorkerBonusMethodQueryOptions(workerId, year));
}
