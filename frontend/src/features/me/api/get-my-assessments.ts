import { queryOptions, useQuery } from '@tanstack/react-query';
import { assessmentClient, isAvailable, unwrap } from '@/lib/api-client';

export const myAssessmentsAvailable = () => isAvailable('assessment', 'GET', '/v1/me/assessments');

export const getMyAssessments = async (signal?: AbortSignal) => unwrap(await assessmentClient.GET('/v1/me/assessments', { signal }));

export const getMyAssessmentsQueryOptions = () =>
  queryOptions({ queryKey: ['me', 'assessments'], queryFn: ({ signal }) => getMyAssessments(signal) });

export function useMyAssessments() {
  return useQuery(getMyAssessmentsQueryOptions());
}
