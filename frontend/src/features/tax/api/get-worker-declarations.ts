import { queryOptions, useQuery } from '@tanstack/react-query';
import { isAvailable, payrollClient, unwrap } from '@/lib/api-client';

export const workerDeclarationsAvailable = () => isAvailable('payroll', 'GET', '/v1/workers/{worker_id}/tax-declarations');

export const getWorkerDeclarations = async (workerId: string, year: number, signal?: AbortSignal) =>
  unwrap(await payrollClient.GET('/v1/workers/{worker_id}/tax-declarations', { params: { path: { worker_id: workerId }, query: { year } }, signal }));

export const getWorkerDeclarationsQueryOptions = (workerId: string, year: number) =>
  queryOptions({
    queryKey: ['payroll', 'declarations', workerId, year],
    queryFn: ({ signal }) => getWorkerDeclarations(workerId, year, signal),
    enabled: Boolean(workerId),
  });

export function useWorkerDeclarations(workerId: string, year: number) {
  return useQuery(getWorkerDeclarationsQueryOptions(workerId, year));
}
