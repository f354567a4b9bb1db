import { queryOptions, useQuery } from '@tanstack/react-query';
import { registryClient, unwrap } from '@/lib/api-client';

/** Household visits of a month against the required number, per worker. */
export const getVisits = async (region: string, month: string, signal?: AbortSignal) =>
  unwrap(await registryClient.GET('/v1/visits/monthly', { params: { query: { region: region || undefined, month, page: 1, size: 200 } }, signal }));

export const getVisitsQueryOptions = (region: string, month: string, enabled = true) =>
  queryOptions({ queryKey: ['registry', 'visits', region, month], queryFn: ({ signal }) => getVisits(region, month, signal), enabled });

export function useVisits(region: string, month: string, enabled = true) {
  return useQuery(getVisitsQueryOptions(region, month, enabled));
}
