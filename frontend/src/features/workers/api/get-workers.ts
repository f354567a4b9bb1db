import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { isAvailable, registryClient, unwrap } from '@/lib/api-client';
import type { WorkerFilters } from './types';

export const workersAvailable = () => isAvailable('registry', 'GET', '/v1/workers');

export const getWorkers = async (query: WorkerFilters, signal?: AbortSignal) =>
  unwrap(await registryClient.GET('/v1/workers', { params: { query }, signal }));

export const getWorkersQueryOptions = (query: WorkerFilters) =>
  queryOptions({
    queryKey: ['workers', 'list', query],
    queryFn: ({ signal }) => getWorkers(query, signal),
    placeholderData: keepPreviousData,
  });

export function useWorkers(query: WorkerFilters) {
  return useQuery(getWorkersQueryOptions(query));
}
