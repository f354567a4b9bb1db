import { queryOptions, useQuery } from '@tanstack/react-query';
import { isAvailable, registryClient, unwrap } from '@/lib/api-client';

export const trainingShortfallsAvailable = () => isAvailable('registry', 'GET', '/v1/training/compliance');

export const getTrainingShortfalls = async (region: string, year: number, signal?: AbortSignal) =>
  unwrap(await registryClient.GET('/v1/training/compliance', { params: { query: { region: region || undefined, year, only_shortfalls: true, size: 5 } }, signal }));

export const getTrainingShortfallsQueryOptions = (region: string, year: number) =>
  queryOptions({ queryKey: ['home', 'training', region, year], queryFn: ({ signal }) => getTrainingShortfalls(region, year, signal) });

export function useTrainingShortfalls(region: string, year: number) {
  return useQuery(getTrainingShortfallsQueryOptions(region, year));
}
