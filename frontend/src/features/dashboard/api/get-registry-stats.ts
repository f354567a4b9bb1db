import { queryOptions, useQuery } from '@tanstack/react-query';
import { isAvailable, registryClient, unwrap } from '@/lib/api-client';

export const registryStatsAvailable = () => isAvailable('registry', 'GET', '/v1/stats');

/** Head counts by post, age, education, certificate and child region; certification vs targets; quota fill.
 * The server answers from a snapshot at most a minute old (computed_at), so polling every 30 s is cheap (304s). */
export const getRegistryStats = async (region: string, signal?: AbortSignal) =>
  unwrap(await registryClient.GET('/v1/stats', { params: { query: { region: region || undefined } }, signal }));

export const getRegistryStatsQueryOptions = (region: string) =>
  queryOptions({
    queryKey: ['dashboard', 'registry-stats', region],
    queryFn: ({ signal }) => getRegistryStats(region, signal),
    refetchInterval: 30_000,
  });

export function useRegistryStats(region: string) {
  return useQuery(getRegistryStatsQueryOptions(region));
}
