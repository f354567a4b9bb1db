import { queryOptions, useQuery } from '@tanstack/react-query';
import { registryClient, unwrap } from '@/lib/api-client';

/** Each township's secretary reserve pool against its required size. */
export const getReservePools = async (region: string, signal?: AbortSignal) =>
  unwrap(await registryClient.GET('/v1/reserve/pools', { params: { query: { region: region || undefined } }, signal }));

export const getReservePoolsQueryOptions = (region: string, enabled = true) =>
  queryOptions({ queryKey: ['registry', 'reserve-pools', region], queryFn: ({ signal }) => getReservePools(region, signal), enabled });

export function useReservePools(region: string, enabled = true) {
  return useQuery(getReservePoolsQueryOptions(region, enabled));
}
