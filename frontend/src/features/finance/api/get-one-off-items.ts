import { queryOptions, useQuery } from '@tanstack/react-query';
import { isAvailable, payrollClient, unwrap } from '@/lib/api-client';

export const oneOffItemsAvailable = () => isAvailable('payroll', 'GET', '/v1/one-off-items');

export const getOneOffItems = async (month: string, signal?: AbortSignal) =>
  unwrap(await payrollClient.GET('/v1/one-off-items', { params: { query: { month } }, signal }));

export const getOneOffItemsQueryOptions = (month: string) =>
  queryOptions({ queryKey: ['payroll', 'one-off-items', month], queryFn: ({ signal }) => getOneOffItems(month, signal) });

export function useOneOffItems(month: string) {
  return useQuery(getOneOffItemsQueryOptions(month));
}
