import { queryOptions, useQuery } from '@tanstack/react-query';
import { isAvailable, payrollClient, unwrap } from '@/lib/api-client';

export const myBonusMethodAvailable = () => isAvailable('payroll', 'GET', '/v1/me/year-end-bonus-tax/{year}');

/** How my year-end one-off bonus is taxed in a tax year. */
export const getMyBonusMethod = async (year: number, signal?: AbortSignal) =>
  unwrap(await payrollClient.GET('/v1/me/year-end-bonus-tax/{year}', { params: { path: { year } }, signal }));

export const getMyBonusMethodQueryOptions = (year: number) =>
  queryOptions({ queryKey: ['payroll', 'bonus-method', 'me', year], queryFn: ({ signal }) => getMyBonusMethod(year, signal) });

export function useMyBonusMethod(year: number) {
  return useQuery(getMyBonusMethodQueryOptions(year));
}
