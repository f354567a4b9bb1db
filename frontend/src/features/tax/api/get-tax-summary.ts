import { queryOptions, useQuery } from '@tanstack/react-query';
import { isAvailable, payrollClient, unwrap } from '@/lib/api-client';
import type { TaxSummary } from './types';

export const myTaxSummaryAvailable = () => isAvailable('payroll', 'GET', '/v1/me/tax-summary');
export const workerTaxSummaryAvailable = () => isAvailable('payroll', 'GET', '/v1/workers/{worker_id}/tax-summary');

/** The year for 汇算清缴: the worker's own (no workerId) or a worker's as an officer sees it. */
export const getTaxSummary = async (year: number, workerId?: string, signal?: AbortSignal): Promise<TaxSummary> =>
  workerId
    ? unwrap(await payrollClient.GET('/v1/workers/{worker_id}/tax-summary', { params: { path: { worker_id: workerId }, query: { year } }, signal }))
    : unwrap(await payrollClient.GET('/v1/me/tax-summary', { params: { query: { year } }, signal }));

export const getTaxSummaryQueryOptions = (year: number, workerId?: string, enabled = true) =>
  queryOptions({
    queryKey: ['payroll', 'tax-summary', workerId ?? 'me', year],
    queryFn: ({ signal }) => getTaxSummary(year, workerId, signal),
    enabled,
    retry: false,
  });

export function useTaxSummary(year: number, workerId?: string, enabled = true) {
  return useQuery(getTaxSummaryQueryOptions(year, workerId, enabled));
}
