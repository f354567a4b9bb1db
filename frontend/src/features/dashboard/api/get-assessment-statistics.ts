import { queryOptions, useQuery } from '@tanstack/react-query';
import { assessmentClient, isAvailable, unwrap } from '@/lib/api-client';

export const assessmentStatisticsAvailable = () => isAvailable('assessment', 'GET', '/v1/statistics');

export const getAssessmentStatistics = async (year: number, region: string, signal?: AbortSignal) =>
  unwrap(await assessmentClient.GET('/v1/statistics', { params: { query: { year, region: region.length >= 2 ? region : undefined } }, signal }));

export const getAssessmentStatisticsQueryOptions = (year: number, region: string) =>
  queryOptions({ queryKey: ['dashboard', 'assessment', year, region], queryFn: ({ signal }) => getAssessmentStatistics(year, region, signal) });

export function useAssessmentStatistics(year: number, region: string) {
  return useQuery(getAssessmentStatisticsQueryOptions(year, region));
}
