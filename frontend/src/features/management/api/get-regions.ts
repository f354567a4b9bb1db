import { queryOptions, useQuery } from '@tanstack/react-query';
import { registryClient, unwrap } from '@/lib/api-client';

/** Regions of one level inside a prefix (star ratings). */
export const getRegions = async (prefix: string, level: 'community' | 'township', signal?: AbortSignal) =>
  unwrap(await registryClient.GET('/v1/regions', { params: { query: { prefix: prefix || undefined, level } }, signal }));

export const getRegionsQueryOptions = (prefix: string, level: 'community' | 'township', enabled = true) =>
  queryOptions({ queryKey: ['registry', 'regions', prefix, level], queryFn: ({ signal }) => getRegions(prefix, level, signal), enabled });

export function useRegions(prefix: string, level: 'community' | 'township', enabled = true) {
  return useQuery(getRegionsQueryOptions(prefix, level, enabled));
}
