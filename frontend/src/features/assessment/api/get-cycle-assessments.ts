import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { assessmentClient, unwrap } from '@/lib/api-client';
import type { AssessmentStatus } from './types';

export interface CycleAssessmentsQuery {
  township?: string;
  status?: AssessmentStatus;
  page: number;
  size: number;
}

export const getCycleAssessments = async (cycleId: string, query: CycleAssessmentsQuery, signal?: AbortSignal) =>
  unwrap(await assessmentClient.GET('/v1/cycles/{cycle_id}/assessments', { params: { path: { cycle_id: cycleId }, query }, signal }));

export const getCycleAssessmentsQueryOptions = (cycleId: string | undefined, query: CycleAssessmentsQuery) =>
  queryOptions({
    queryKey: ['assessment', 'cycle', cycleId, 'assessments', query],
    queryFn: ({ signal }) => getCycleAssessments(cycleId!, query, signal),
    enabled: Boolean(cycleId),
    placeholderData: keepPreviousData,
  });

export function useCycleAssessments(cycleId: string | undefined, query: CycleAssessmentsQuery) {
  return useQuery(getCycleAssessmentsQueryOptions(cycleId, query));
}
