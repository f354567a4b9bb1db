import { queryOptions, useQuery } from '@tanstack/react-query';
import type { paths } from '@/api/types/registry';
import { isAvailable, registryClient, unwrap } from '@/lib/api-client';

type FlagKinds = NonNullable<NonNullable<paths['/v1/flags']['get']['parameters']['query']>['kind']>;

export const flagsAvailable = () => isAvailable('registry', 'GET', '/v1/flags');

/** Cases the registry flags for a person to decide (contracts ending, failed probation, two years 不合格, …). */
export const getFlags = async (region: string, kind: FlagKinds, signal?: AbortSignal) =>
  unwrap(await registryClient.GET('/v1/flags', { params: { query: { region: region || undefined, kind } }, signal }));

export const getFlagsQueryOptions = (region: string, kind: FlagKinds) =>
  queryOptions({ queryKey: ['home', 'flags', region, kind], queryFn: ({ signal }) => getFlags(region, kind, signal) });

export function useFlags(region: string, kind: FlagKinds) {
  return useQuery(getFlagsQueryOptions(region, kind));
}
