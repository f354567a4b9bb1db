import { queryOptions, useQuery } from '@tanstack/react-query';
import { registryClient, unwrap } from '@/lib/api-client';

export const getCommunities = async () =>
  unwrap(await registryClient.GET('/v1/regions', { params: { query: { level: 'community' } } }));

export const getCommunitiesQueryOptions = () =>
  queryOptions({ queryKey: ['registry', 'communities'], queryFn: getCommunities, staleTime: 600_000 });

export function useCommunities() {
  return useQuery(getCommunitiesQueryOptions());
}
