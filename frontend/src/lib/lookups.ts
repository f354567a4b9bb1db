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

// Who may read accounts (registry READERS): account administrators, township officers (workers' accounts) and
// auditors; each sees only accounts inside their jurisdiction. Others get the role, never a request.
const ACCOUNT_READERS = new Set(['provincial_admin', 'city_officer', 'county_officer', 'township_officer', 'auditor']);

/** A person's name by account id, when the caller may read that account (else nothing: shown by role). */
export function useAccountName(subject: string | null | undefined, skip: boolean) {
  const session = useSession();
  return useQuery({
    queryKey: ['lookup', 'account', subject],
    queryFn: async ({ signal }) => {
      const account = unwrap(await registryClient.GET('/v1/accounts/{account_id}', { params: { path: { account_id: subject! } }, signal }));
      return account.display_name || account.username;
    },
    enabled:
      Boolean(subject) && !skip && Boolean(session) && ACCOUNT_READERS.has(session?.role ?? '') &&
      /^[0-9a-f-]{36}$/.test(subject ?? '') && isAvailable('registry', 'GET', '/v1/accounts/{account_id}'),
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
