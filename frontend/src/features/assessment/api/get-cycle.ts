import { queryOptions, useQuery } from '@tanstack/react-query';
import { assessmentClient, isAvailable, unwrap } from '@/lib/api-client';

export const cycleAvailable = () => isAvailable('assessment', 'GET', '/v1/cycles/{cycle_id}');

/** GET /v1/cycles/{cycle_id}: one cycle with its guidance plan and deadlines. */
export const getCycle = async (cycleId: string, signal?: AbortSignal) =>
  unwrap(await assessmentClient.GET('/v1/cycles/{cycle_id}', { params: { path: { cycle_id: cycleId } }, signal }));

export const getCycleQueryOptions = (cycleId: string) =>
  queryOptions({ queryKey: ['assessment', 'cycle', cycleId], queryFn: ({ signal }) => getCycle(cycleId, signal), enabled: cycleAvailable() });

export function useCycle(cycleId: string) {
  return useQuery(getCycleQueryOptions(cycleId));
}
