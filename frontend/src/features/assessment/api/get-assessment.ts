import { queryOptions, useQuery } from '@tanstack/react-query';
import { assessmentClient, unwrap } from '@/lib/api-client';

/** One assessment with its dimension scores, survey and events. */
export const getAssessment = async (assessmentId: string, signal?: AbortSignal) =>
  unwrap(await assessmentClient.GET('/v1/assessments/{assessment_id}', { params: { path: { assessment_id: assessmentId } }, signal }));

export const getAssessmentQueryOptions = (assessmentId: string | null) =>
  queryOptions({ queryKey: ['assessment', 'one', assessmentId], queryFn: ({ signal }) => getAssessment(assessmentId!, signal), enabled: Boolean(assessmentId) });

export function useAssessment(assessmentId: string | null) {
  return useQuery(getAssessmentQueryOptions(assessmentId));
}
