import { queryOptions, useQuery } from '@tanstack/react-query';
import { registryClient, unwrap } from '@/lib/api-client';

/** The reserve candidates of one township. */
export const getReserveCandidates = async (township: string, signal?: AbortSignal) =>
  unwrap(await registryClient.GET('/v1/reserve/candidates', { params: { query: { township } }, signal }));

export const getReserveCandidatesQueryOptions = (township: string, enabled = true) =>
  queryOptions({ queryKey: ['registry', 'reserve-candidates', township], queryFn: ({ signal }) => getReserveCandidates(township, signal), enabled });

export function useReserveCandidates(township: string, enabled = true) {
  return useQuery(getReserveCandidatesQueryOptions(township, enabled));
}
