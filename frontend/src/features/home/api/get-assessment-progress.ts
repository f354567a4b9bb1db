import { queryOptions, useQuery } from '@tanstack/react-query';
import { assessmentClient, isAvailable, unwrap } from '@/lib/api-client';

export const assessmentProgressAvailable = () => isAvailable('assessment', 'GET', '/v1/statistics');

export const getAssessmentProgress = async (year: number, region: string, signal?: AbortSignal) =>
  unwrap(await assessmentClient.GET('/v1/statistics', { params: { query: { year, region: region || undefined } }, signal }));

export const getAssessmentProgressQueryOptions = (year: number, region: string) =>
  queryOptions({ queryKey: ['home', 'assessment-progress', year, region], queryFn: ({ signal }) => getAssessmentProgress(year, region, signal) });

export function useAssessmentProgress(year: number, region: string) {
  return useQuery(getAssessmentProgressQueryOptions(year, region));
}
