// Names for codes the pages show: regions (registry /v1/regions), posts (the registry's post catalogue,
// /v1/posts) and people (account subjects). Fetched once per session and cached.
import { useQuery } from '@tanstack/react-query';
import type { components } from '@/api/types/registry';
import { isAvailable, registryClient, unwrap } from './api-client';
import { useSession } from './auth';

export type Region = components['schemas']['RegionOut'];
export type Post = components['schemas']['PostOut'];

const FOREVER = { staleTime: Infinity, gcTime: Infinity, retry: false } as const;

/** Every region inside the caller's jurisdiction (one request), by code. */
export function useRegionIndex() {
  const session = useSession();
  const prefix = session?.role === 'worker' ? undefined : session?.jurisdiction;
  return useQuery({
    queryKey: ['lookup', 'regions', prefix ?? ''],
    queryFn: async ({ signal }) => {
      const rows = unwrap(await registryClient.GET('/v1/regions', { params: { query: { prefix: prefix || undefined } }, signal }));
      return new Map(rows.map((row) => [row.code, row]));
    },
    enabled: Boolean(session) && session?.role !== 'worker' && isAvailable('registry', 'GET', '/v1/regions'),
    ...FOREVER,
  });
}

/** One region outside the index (e.g. the parent of the caller's jurisdiction). */
export function useRegion(code: string | null | undefined, skip: boolean) {
  const session = useSession();
  return useQuery({
    queryKey: ['lookup', 'region', code],
    queryFn: async ({ signal }) => unwrap(await registryClient.GET('/v1/regions/{code}', { params: { path: { code: code! } }, signal })),
    enabled: Boolean(code) && !skip && Boolean(session) && session?.role !== 'worker',
    ...FOREVER,
  });
}

/** The post catalogue (every post the caller can see), by code. */
export function usePostCatalogue() {
  const session = useSession();
  return useQuery({
    queryKey: ['lookup', 'posts'],
    queryFn: async ({ signal }) => {
      const rows = unwrap(await registryClient.GET('/v1/posts', { signal }));
      return new Map(rows.map((row) => [row.code, row]));
    },
    enabled: Boolean(session) && session?.role !== 'worker' && isAvailable('registry', 'GET', '/v1/posts'),
    ...FOREVER,
  });
}

/** The subject (account id) in the current access token, to recognise "me" among actors. */
export function currentSubject(token: string | null | undefined): string | null {
  if (!token) return null;
  try {
    const payload = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    return (JSON.parse(atob(payload)) as { sub?: string }).sub ?? null;
  } catch {
    return null;
  }
}
