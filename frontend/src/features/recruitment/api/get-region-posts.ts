import { queryOptions, useQuery } from '@tanstack/react-query';
import { registryClient, unwrap } from '@/lib/api-client';

/** GET /v1/posts?region=: the post catalogue that applies in a region (the most specific one). */
export const getRegionPosts = async (region: string, signal?: AbortSignal) =>
  unwrap(await registryClient.GET('/v1/posts', { params: { query: { region } }, signal }));

export const getRegionPostsQueryOptions = (region: string) =>
  queryOptions({ queryKey: ['posts', 'region', region], queryFn: ({ signal }) => getRegionPosts(region, signal) });

export function useRegionPosts(region: string) {
  return useQuery(getRegionPostsQueryOptions(region));
}
