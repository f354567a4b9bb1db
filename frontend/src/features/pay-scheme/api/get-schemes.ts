import { queryOptions, useQuery } from '@tanstack/react-query';
import { isAvailable, payrollClient, unwrap } from '@/lib/api-client';

export const schemesAvailable = () => isAvailable('payroll', 'GET', '/v1/pay-schemes');

export const getSchemes = async (prefix: string, signal?: AbortSignal) =>
  unwrap(await payrollClient.GET('/v1/pay-schemes', { params: { query: { prefix: prefix || undefined } }, signal }));

export const getSchemesQueryOptions = (prefix: string) =>
  queryOptions({ queryKey: ['pay-scheme', 'list', prefix], queryFn: ({ signal }) => getSchemes(prefix, signal) });

export function useSchemes(prefix: string) {
  return useQuery(getSchemesQueryOptions(prefix));
}
