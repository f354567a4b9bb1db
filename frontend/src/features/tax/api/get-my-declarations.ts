import { queryOptions, useQuery } from '@tanstack/react-query';
import { isAvailable, payrollClient, unwrap } from '@/lib/api-client';

export const myDeclarationsAvailable = () => isAvailable('payroll', 'GET', '/v1/me/tax-declarations');

export const getMyDeclarations = async (year: number, signal?: AbortSignal) =>
  unwrap(await payrollClient.GET('/v1/me/tax-declarations', { params: { query: { year } }, signal }));

export const getMyDeclarationsQueryOptions = (year: number) =>
  queryOptions({ queryKey: ['payroll', 'declarations', 'me', year], queryFn: ({ signal }) => getMyDeclarations(year, signal) });

export function useMyDeclarations(year: number) {
  return useQuery(getMyDeclarationsQueryOptions(year));
}
