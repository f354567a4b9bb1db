import { queryOptions, useQuery } from '@tanstack/react-query';
import { registryClient, unwrap } from '@/lib/api-client';

/** Head count against quota, with the rule each number comes from. */
export const getQuota = async (region: string, signal?: AbortSignal) =>
  unwrap(await registryClient.GET('/v1/quota', { params: { query: { region: region || undefined } }, signal }));

export const getQuotaQueryOptions = (region: string, enabled = true) =>
  queryOptions({ queryKey: ['registry', 'quota', region], queryFn: ({ signal }) => getQuota(region, signal), enabled });

export function useQuota(region: string, enabled = true) {
  return useQuery(getQuotaQueryOptions(region, enabled));
}
