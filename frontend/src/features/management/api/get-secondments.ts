import { queryOptions, useQuery } from '@tanstack/react-query';
import { registryClient, unwrap } from '@/lib/api-client';

/** Secondments inside a region, the ongoing and the past. */
export const getSecondments = async (region: string, signal?: AbortSignal) =>
  unwrap(await registryClient.GET('/v1/secondments', { params: { query: { region: region || undefined } }, signal }));

export const getSecondmentsQueryOptions = (region: string, enabled = true) =>
  queryOptions({ queryKey: ['registry', 'secondments', region], queryFn: ({ signal }) => getSecondments(region, signal), enabled });

export function useSecondments(region: string, enabled = true) {
  return useQuery(getSecondmentsQueryOptions(region, enabled));
}
