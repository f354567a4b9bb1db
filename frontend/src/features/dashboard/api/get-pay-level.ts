import { queryOptions, useQuery } from '@tanstack/react-query';
import { isAvailable, payrollClient, unwrap } from '@/lib/api-client';

export const payLevelAvailable = () => isAvailable('payroll', 'GET', '/v1/reports/pay-level');

export type PayLevelGroup = 'city' | 'county' | 'township';

/** Average pay against the local average wage and disposable income. */
export const getPayLevel = async (year: number, region: string, groupBy: PayLevelGroup, signal?: AbortSignal) =>
  unwrap(await payrollClient.GET('/v1/reports/pay-level', { params: { query: { year, region: region || undefined, group_by: groupBy } }, signal }));

export const getPayLevelQueryOptions = (year: number, region: string, groupBy: PayLevelGroup) =>
  queryOptions({ queryKey: ['dashboard', 'pay-level', year, region, groupBy], queryFn: ({ signal }) => getPayLevel(year, region, groupBy, signal) });

export function usePayLevel(year: number, region: string, groupBy: PayLevelGroup) {
  return useQuery(getPayLevelQueryOptions(year, region, groupBy));
}
