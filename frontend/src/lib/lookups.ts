// Names for codes the pages show: regions (registry /v1/regions), posts (the registry's post catalogue,
// /v1/posts), people (account subjects) and workers (by id, a page at a time). Fetched once and cached.
import { useQuery } from '@tanstack/react-query';
import { createContext, useContext } from 'react';
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

/**
 * One region outside the index: the places above the caller's jurisdiction (the registry names them, without
 * their figures), also to a worker; an officer's other regions inside the jurisdiction.
 */
export function useRegion(code: string | null | undefined, skip: boolean) {
  const session = useSession();
  const above = Boolean(code) && Boolean(session?.jurisdiction.startsWith(code!));
  return useQuery({
    queryKey: ['lookup', 'region', code],
    queryFn: async ({ signal }) => unwrap(await registryClient.GET('/v1/regions/{code}', { params: { path: { code: code! } }, signal })),
    enabled: Boolean(code) && !skip && Boolean(session) && (session?.role !== 'worker' || above),
    ...FOREVER,
  });
}

export type WorkerSummary = components['schemas']['WorkerOut'];

// Who may list workers (registry GET /v1/workers): every officer, finance officers and auditors.
const WORKER_READERS = new Set(['township_officer', 'party_secretary', 'finance_officer', 'county_officer', 'city_officer', 'provincial_admin', 'auditor']);

/**
 * Workers named by id (audit entries carry only the id): one request for a page's ids (`GET /v1/workers?id=…`).
 * Only workers inside the caller's jurisdiction come back; others stay unnamed.
 */
export function useWorkerNames(ids: (string | null | undefined)[]) {
  const session = useSession();
  const wanted = [...new Set(ids.filter((id): id is string => Boolean(id) && /^[0-9a-f-]{36}$/.test(id!)))].sort().slice(0, 200);
  return useQuery({
    queryKey: ['lookup', 'workers', wanted],
    queryFn: async ({ signal }) => {
      const page = unwrap(await registryClient.GET('/v1/workers', { params: { query: { id: wanted, size: 200 } }, signal }));
      return new Map(page.items.map((worker) => [worker.id, worker]));
    },
    enabled: wanted.length > 0 && Boolean(session) && WORKER_READERS.has(session?.role ?? ''),
    staleTime: 5 * 60_000,
    retry: false,
  });
}

// Who may read accounts (registry READERS): account administrators, township officers (workers' accounts) and
// auditors; each sees only accounts inside their jurisdiction. Others get the role, never a request.
const ACCOUNT_READERS = new Set(['provincial_admin', 'city_officer', 'county_officer', 'township_officer', 'auditor']);

/** A person as a record names them: their name (as it was when they acted) and role, where known. */
export interface KnownPerson {
  name: string | null;
  role?: string | null;
}

/**
 * The people a part of a page already knows by name (an audit trail: each entry's actor and name), by account id.
 * Inside it no account is looked up: a person it does not name may be outside the caller's reach (an auditor's
 * entries name provincial officers, whose accounts the registry does not show them), and is shown by role.
 */
export const KnownPeopleContext = createContext<Map<string, KnownPerson> | undefined>(undefined);

/**
 * A person's name by account id: the name `KnownPeopleContext` gives; outside one, the registry account's when the
 * caller may read accounts (else nothing: shown by role).
 */
export function useAccountName(subject: string | null | undefined, skip: boolean): { data: string | undefined } {
  const session = useSession();
  const known = useContext(KnownPeopleContext);
  const looked = useQuery({
    queryKey: ['lookup', 'account', subject],
    queryFn: async ({ signal }) => {
      const account = unwrap(await registryClient.GET('/v1/accounts/{account_id}', { params: { path: { account_id: subject! } }, signal }));
      return account.display_name || account.username;
    },
    enabled:
      known === undefined && Boolean(subject) && !skip && Boolean(session) && ACCOUNT_READERS.has(session?.role ?? '') &&
      /^[0-9a-f-]{36}$/.test(subject ?? '') && isAvailable('registry', 'GET', '/v1/accounts/{account_id}'),
    ...FOREVER,
  });
  if (known !== undefined) return { data: (subject && known.get(subject)?.name) || undefined };
  return looked;
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
