import { queryOptions, useQuery } from '@tanstack/react-query';
import { isAvailable, payrollClient, unwrap } from '@/lib/api-client';

export const taxRulesAvailable = () => isAvailable('payroll', 'GET', '/v1/tax-rules/{year}');

/** The national income-tax rules of a tax year: deduction kinds with their Chinese labels and caps. */
export const getTaxRules = async (year: number, signal?: AbortSignal) =>
  unwrap(await payrollClient.GET('/v1/tax-rules/{year}', { params: { path: { year } }, signal }));

export const getTaxRulesQueryOptions = (year: number) =>
  queryOptions({ queryKey: ['payroll', 'tax-rules', year], queryFn: ({ signal }) => getTaxRules(year, signal), staleTime: Infinity });

export function useTaxRules(year: number) {
  return useQuery(getTaxRulesQueryOptions(year));
}
