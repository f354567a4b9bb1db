import { queryOptions, useQuery } from '@tanstack/react-query';
import { assessmentClient, unwrap } from '@/lib/api-client';

export const getObjections = async (cycleId: string, signal?: AbortSignal) =>
  unwrap(await assessmentClient.GET('/v1/cycles/{cycle_id}/objections', { params: { path: { cycle_id: cycleId } }, signal }));

export const getObjectionsQueryOptions = (cycleId: string | undefined) =>
  queryOptions({ queryKey: ['assessment', 'cycle', cycleId, 'objections'], queryFn: ({ signal }) => getObjections(cycleId!, signal), enabled: Boolean(cycleId) });

export function useObjections(cycleId: string | undefined) {
  return useQuery(getObjectionsQueryOptions(cycleId));
}
