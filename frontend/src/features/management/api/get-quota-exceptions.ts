import { queryOptions, useQuery } from '@tanstack/react-query';
import { registryClient, unwrap } from '@/lib/api-client';

/** Approved quota exceptions. */
export const getQuotaExceptions = async (region: string, signal?: AbortSignal) =>
  unwrap(await registryClient.GET('/v1/quota/exceptions', { params: { query: { region: region || undefined } }, signal }));

export const getQuotaExceptionsQueryOptions = (region: string, enabled = true) =>
  queryOptions({ queryKey: ['registry', 'quota-exceptions', region], queryFn: ({ signal }) => getQuotaExceptions(region, signal), enabled });

export function useQuotaExceptions(region: string, enabled = true) {
  return useQuery(getQuotaExceptionsQueryOptions(region, enabled));
}
