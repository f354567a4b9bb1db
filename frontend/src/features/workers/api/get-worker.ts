import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest, isAvailable } from '@/lib/api-client';
import type { WorkerSummary } from './types';

export const workerAvailable = () => isAvailable('registry', 'GET', '/v1/workers/{worker_id}');

export const getWorker = (workerId: string, signal?: AbortSignal) =>
  apiRequest<WorkerSummary>('registry', 'GET', `/v1/workers/${encodeURIComponent(workerId)}`, { signal });

export const getWorkerQueryOptions = (workerId: string) =>
  queryOptions({
    queryKey: ['workers', 'detail', workerId],
    queryFn: ({ signal }) => getWorker(workerId, signal),
    enabled: workerAvailable() && Boolean(workerId),
  });

export function useWorker(workerId: string) {
  return useQuery(getWorkerQueryOptions(workerId));
}
