import { queryOptions, useQuery } from '@tanstack/react-query';
import { isAvailable, payrollClient, unwrap } from '@/lib/api-client';

export const workerGradeAvailable = () => isAvailable('payroll', 'GET', '/v1/workers/{worker_id}/grade');

export const getWorkerGrade = async (workerId: string, signal?: AbortSignal) =>
  unwrap(await payrollClient.GET('/v1/workers/{worker_id}/grade', { params: { path: { worker_id: workerId } }, signal }));

export const getWorkerGradeQueryOptions = (workerId: string, enabled = true) =>
  queryOptions({ queryKey: ['workers', 'grade', workerId], queryFn: ({ signal }) => getWorkerGrade(workerId, signal), enabled });

export function useWorkerGrade(workerId: string, enabled = true) {
  return useQuery(getWorkerGradeQueryOptions(workerId, enabled));
}
