import { queryOptions, useQuery } from '@tanstack/react-query';
import { registryClient, unwrap } from '@/lib/api-client';

/** Workers by name, to pick one. */
export const searchWorkers = async (name: string, signal?: AbortSignal) =>
  unwrap(await registryClient.GET('/v1/workers', { params: { query: { name: name || undefined, page: 1, size: 20 } }, signal }));

export const searchWorkersQueryOptions = (name: string, enabled = true) =>
  queryOptions({ queryKey: ['registry', 'worker-search', name], queryFn: ({ signal }) => searchWorkers(name, signal), enabled });

export function useWorkerSearch(name: string, enabled = true) {
  return useQuery(searchWorkersQueryOptions(name, enabled));
}
