import { queryOptions, useQuery } from '@tanstack/react-query';
import { isAvailable, registryClient, unwrap } from '@/lib/api-client';

export const quotaAvailable = () => isAvailable('registry', 'GET', '/v1/quota');

export const getQuota = async (region: string, signal?: AbortSignal) =>
  unwrap(await registryClient.GET('/v1/quota', { params: { query: { region: region || undefined } }, signal }));

export const getQuotaQueryOptions = (region: string) =>
  queryOptions({ queryKey: ['home', 'quota', region], queryFn: ({ signal }) => getQuota(region, signal) });

export function useQuota(region: string) {
  return useQuery(getQuotaQueryOptions(region));
}
