import { queryOptions, useQuery } from '@tanstack/react-query';
import { assessmentClient, isAvailable, unwrap } from '@/lib/api-client';

export const statisticsAvailable = () => isAvailable('assessment', 'GET', '/v1/statistics');

/** Proposed / decided / final counts and the excellent quota (limit vs decided) per county and township. */
export const getStatistics = async (year: number, region: string | undefined, signal?: AbortSignal) =>
  unwrap(await assessmentClient.GET('/v1/statistics', { params: { query: { year, region: region || undefined } }, signal }));

export const getStatisticsQueryOptions = (year: number | undefined, region?: string) =>
  queryOptions({
    queryKey: ['assessment', 'statistics', year, region ?? ''],
    queryFn: ({ signal }) => getStatistics(year!, region, signal),
    enabled: Boolean(year),
  });

export function useStatistics(year: number | undefined, region?: string) {
  return useQuery(getStatisticsQueryOptions(year, region));
}
