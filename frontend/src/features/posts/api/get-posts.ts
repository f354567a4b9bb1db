import { queryOptions, useQuery } from '@tanstack/react-query';
import type { components } from '@/api/types/registry';
import { isAvailable, registryClient, unwrap } from '@/lib/api-client';

export type Post = components['schemas']['PostOut'];

export const postsAvailable = () => isAvailable('registry', 'GET', '/v1/posts');

/** GET /v1/posts: the whole post catalogue the caller can see (every region's catalogue). */
export const getPosts = async (signal?: AbortSignal) => unwrap(await registryClient.GET('/v1/posts', { signal }));

export const getPostsQueryOptions = () => queryOptions({ queryKey: ['posts'], queryFn: ({ signal }) => getPosts(signal), enabled: postsAvailable() });

export function usePosts() {
  return useQuery(getPostsQueryOptions());
}
