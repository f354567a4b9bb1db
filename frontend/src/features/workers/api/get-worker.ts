import { queryOptions, useQuery } from '@tanstack/react-query';
import { isAvailable, registryClient, unwrap } from '@/lib/api-client';

export const workerAvailable = () => isAvailable('registry', 'GET', '/v1/workers/{worker_id}');

export const getWorker = async (workerId: string, signal?: AbortSignal) =>
  unwrap(await registryClient.GET('/v1/workers/{worker_id}', { params: { path: { worker_id: workerId } }, signal }));

export const getWorkerQueryOptions = (workerId: string) =>
  queryOptions({
    queryKey: ['workers', 'detail', workerId],
    queryFn: ({ signal }) => getWorker(workerId, signal),
    enabled: Boolean(workerId),
  });

export function useWorker(workerId: string) {
  return useQuery(getWorkerQueryOptions(workerId));
}
