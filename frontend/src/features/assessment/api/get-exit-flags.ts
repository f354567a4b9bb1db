import { queryOptions, useQuery } from '@tanstack/react-query';
import { assessmentClient, unwrap } from '@/lib/api-client';

/** Assessees whose absences reach the plan's exit limits. */
export const getExitFlags = async (cycleId: string, signal?: AbortSignal) =>
  unwrap(await assessmentClient.GET('/v1/cycles/{cycle_id}/exit-flags', { params: { path: { cycle_id: cycleId } }, signal }));

export const getExitFlagsQueryOptions = (cycleId: string | undefined) =>
  queryOptions({ queryKey: ['assessment', 'cycle', cycleId, 'exit-flags'], queryFn: ({ signal }) => getExitFlags(cycleId!, signal), enabled: Boolean(cycleId) });

export function useExitFlags(cycleId: string | undefined) {
  return useQuery(getExitFlagsQueryOptions(cycleId));
}
