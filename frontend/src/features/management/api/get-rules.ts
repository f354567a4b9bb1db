import { queryOptions, useQuery } from '@tanstack/react-query';
import { registryClient, unwrap } from '@/lib/api-client';

/** The management rules in force, with the document each comes from. */
export const getRules = async (region: string, signal?: AbortSignal) =>
  unwrap(await registryClient.GET('/v1/management-rules', { params: { query: { region } }, signal }));

export const getRulesQueryOptions = (region: string, enabled = true) =>
  queryOptions({ queryKey: ['registry', 'rules', region], queryFn: ({ signal }) => getRules(region, signal), enabled });

export function useRules(region: string, enabled = true) {
  return useQuery(getRulesQueryOptions(region, enabled));
}
