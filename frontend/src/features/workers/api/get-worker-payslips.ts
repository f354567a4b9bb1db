import { queryOptions, useQuery } from '@tanstack/react-query';
import { isAvailable, payrollClient, unwrap } from '@/lib/api-client';

export const workerPayslipsAvailable = () => isAvailable('payroll', 'GET', '/v1/workers/{worker_id}/payslips');

/** The worker's last 12 months of payslips with their lines, as the officer's jurisdiction sees them. */
export const getWorkerPayslips = async (workerId: string, signal?: AbortSignal) =>
  unwrap(await payrollClient.GET('/v1/workers/{worker_id}/payslips', { params: { path: { worker_id: workerId }, query: { months: 12 } }, signal }));

export const getWorkerPayslipsQueryOptions = (workerId: string, enabled = true) =>
  queryOptions({
    queryKey: ['workers', 'payslips', workerId],
    queryFn: ({ signal }) => getWorkerPayslips(workerId, signal),
    enabled,
  });

export function useWorkerPayslips(workerId: string, enabled = true) {
  return useQuery(getWorkerPayslipsQueryOptions(workerId, enabled));
}
