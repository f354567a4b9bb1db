import { queryOptions, useQuery } from '@tanstack/react-query';
import { registryClient, unwrap } from '@/lib/api-client';

/** Training hours against the requirement, per worker. */
export const getTrainingCompliance = async (region: string, year: number, signal?: AbortSignal) =>
  unwrap(await registryClient.GET('/v1/training/compliance', { params: { query: { region: region || undefined, year, page: 1, size: 200 } }, signal }));

export const getTrainingComplianceQueryOptions = (region: string, year: number, enabled = true) =>
  queryOptions({ queryKey: ['registry', 'training-compliance', region, year], queryFn: ({ signal }) => getTrainingCompliance(region, year, signal), enabled });

export function useTrainingCompliance(region: string, year: number, enabled = true) {
  return useQuery(getTrainingComplianceQueryOptions(region, year, enabled));
}
