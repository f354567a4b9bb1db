import { queryOptions, useQuery } from '@tanstack/react-query';
import { isAvailable, registryClient, unwrap } from '@/lib/api-client';

export const registryStatsAvailable = () => isAvailable('registry', 'GET', '/v1/stats');

/** Head counts by post, age, education, certificate and child region; certification vs targets; quota fill. */
export const getRegistryStats = async (region: string, signal?: AbortSignal) =>
  unwrap(await registryClient.GET('/v1/stats', { params: { query: { region: region || undefined } }, signal }));

export const getRegistryStatsQueryOptions = (region: string) =>
  queryOptions({ queryKey: ['dashboard', 'registry-stats', region], queryFn: ({ signal }) => getRegistryStats(region, signal) });

export function useRegistryStats(region: string) {
  return useQuery(getRegistryStatsQueryOptions(region));
}
