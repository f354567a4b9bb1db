import { queryOptions, useQuery } from '@tanstack/react-query';
import { isAvailable, payrollClient, unwrap } from '@/lib/api-client';

export const budgetAvailable = () => isAvailable('payroll', 'GET', '/v1/reports/budget');

/** Payroll cost of a month by county, component and fiscal level (region / city / county shares). */
export const getBudget = async (month: string, region: string, signal?: AbortSignal) =>
  unwrap(await payrollClient.GET('/v1/reports/budget', { params: { query: { month, region: region || undefined } }, signal }));

export const getBudgetQueryOptions = (month: string, region: string) =>
  queryOptions({ queryKey: ['dashboard', 'budget', month, region], queryFn: ({ signal }) => getBudget(month, region, signal) });

export function useBudget(month: string, region: string) {
  return useQuery(getBudgetQueryOptions(month, region));
}
