import { queryOptions, useQuery } from '@tanstack/react-query';
import { registryClient, unwrap } from '@/lib/api-client';

/** Communities' numbers of workers: proposed, decided and filed (IM art.6). */
export const getCommunityNumbers = async (region: string, signal?: AbortSignal) =>
  unwrap(await registryClient.GET('/v1/quota/community-numbers', { params: { query: { region: region || undefined } }, signal }));

export const getCommunityNumbersQueryOptions = (region: string, enabled = true) =>
  queryOptions({ queryKey: ['registry', 'community-numbers', region], queryFn: ({ signal }) => getCommunityNumbers(region, signal), enabled });

export function useCommunityNumbers(region: string, enabled = true) {
  return useQuery(getCommunityNumbersQueryOptions(region, enabled));
}
