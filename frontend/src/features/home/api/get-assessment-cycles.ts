import { queryOptions, useQuery } from '@tanstack/react-query';
import { assessmentClient, isAvailable, unwrap } from '@/lib/api-client';

export const cyclesAvailable = () => isAvailable('assessment', 'GET', '/v1/cycles');

export const getCycles = async (year: number, signal?: AbortSignal) =>
  unwrap(await assessmentClient.GET('/v1/cycles', { params: { query: { year } }, signal }));

export const getCyclesQueryOptions = (year: number) =>
  queryOptions({ queryKey: ['home', 'cycles', year], queryFn: ({ signal }) => getCycles(year, signal) });

export function useCycles(year: number) {
  return useQuery(getCyclesQueryOptions(year));
}
