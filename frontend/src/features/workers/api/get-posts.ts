import { queryOptions, useQuery } from '@tanstack/react-query';
import { registryClient, unwrap } from '@/lib/api-client';

export const getPosts = async (region?: string) =>
  unwrap(await registryClient.GET('/v1/posts', { params: { query: { region } } }));

export const getPostsQueryOptions = (region?: string) =>
  queryOptions({ queryKey: ['registry', 'posts', region ?? ''], queryFn: () => getPosts(region), staleTime: 600_000 });

export function usePosts(region?: string) {
  return useQuery(getPostsQueryOptions(region));
}
