import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest, isAvailable } from '@/lib/api-client';
import type { Page, WorkerFilters, WorkerSummary } from './types';

export const workersAvailable = () => isAvailable('registry', 'GET', '/v1/workers');

export const getWorkers = (filters: WorkerFilters, signal?: AbortSignal) =>
  apiRequest<Page<WorkerSummary>>('registry', 'GET', '/v1/workers', { query: { ...filters }, signal });

export const getWorkersQueryOptions = (filters: WorkerFilters) =>
  queryOptions({
    queryKey: ['workers', 'list', filters],
    queryFn: ({ signal }) => getWorkers(filters, signal),
    placeholderData: keepPreviousData,
    enabled: workersAvailable(),
  });

export function useWorkers(filters: WorkerFilters) {
  return useQuery(getWorkersQueryOptions(filters));
}
