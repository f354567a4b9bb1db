import { queryOptions, useQuery } from '@tanstack/react-query';
import { isAvailable, registryClient, unwrap } from '@/lib/api-client';

export const workerTrainingAvailable = () => isAvailable('registry', 'GET', '/v1/training/records');

export const getWorkerTraining = async (workerId: string, signal?: AbortSignal) =>
  unwrap(await registryClient.GET('/v1/training/records', { params: { query: { worker_id: workerId } }, signal }));

export const getWorkerTrainingQueryOptions = (workerId: string, enabled = true) =>
  queryOptions({ queryKey: ['workers', 'training', workerId], queryFn: ({ signal }) => getWorkerTraining(workerId, signal), enabled });

export function useWorkerTraining(workerId: string, enabled = true) {
  return useQuery(getWorkerTrainingQueryOptions(workerId, enabled));
}
