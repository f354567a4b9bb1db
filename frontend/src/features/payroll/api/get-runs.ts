import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { isAvailable, payrollClient, unwrap } from '@/lib/api-client';
import type { RunsQuery } from './types';

export const runsAvailable = () => isAvailable('payroll', 'GET', '/v1/runs');

export const getRuns = async (query: RunsQuery, signal?: AbortSignal) =>
  unwrap(await payrollClient.GET('/v1/runs', { params: { query }, signal }));

export const getRunsQueryOptions = (query: RunsQuery) =>
  queryOptions({ queryKey: ['payroll', 'runs', query], queryFn: ({ signal }) => getRuns(query, signal), placeholderData: keepPreviousData });

export function useRuns(query: RunsQuery) {
  return useQuery(getRunsQueryOptions(query));
}
