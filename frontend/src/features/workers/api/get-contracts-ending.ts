import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { components, paths } from '@/api/types/registry';
import { isAvailable, registryClient, unwrap } from '@/lib/api-client';

export type ContractsEnding = components['schemas']['ContractsEndingOut'];
export type ContractEnding = components['schemas']['ContractEndingOut'];
export type ContractsEndingQuery = NonNullable<paths['/v1/workers/contracts-ending']['get']['parameters']['query']>;

export const contractsEndingAvailable = () => isAvailable('registry', 'GET', '/v1/workers/contracts-ending');

/** Employed workers of the jurisdiction whose contract ends within the window, with the renewal eligibility. */
export const getContractsEnding = async (query: ContractsEndingQuery, signal?: AbortSignal) =>
  unwrap(await registryClient.GET('/v1/workers/contracts-ending', { params: { query }, signal }));

export const getContractsEndingQueryOptions = (query: ContractsEndingQuery) =>
  queryOptions({
    queryKey: ['workers', 'contracts-ending', query],
    queryFn: ({ signal }) => getContractsEnding(query, signal),
    placeholderData: keepPreviousData,
  });

export function useContractsEnding(query: ContractsEndingQuery) {
  return useQuery(getContractsEndingQueryOptions(query));
}
