import { queryOptions, useQuery } from '@tanstack/react-query';
import { isAvailable, payrollClient, unwrap } from '@/lib/api-client';

export const payableRunsAvailable = () => isAvailable('payroll', 'GET', '/v1/runs');

/** Runs waiting to be paid (approved) or paid, newest month first. */
export const getPayableRuns = async (state: 'approved' | 'paid', signal?: AbortSignal) =>
  unwrap(await payrollClient.GET('/v1/runs', { params: { query: { state, page: 1, size: 100 } }, signal }));

export const getPayableRunsQueryOptions = (state: 'approved' | 'paid') =>
  queryOptions({ queryKey: ['payroll', 'runs', 'finance', state], queryFn: ({ signal }) => getPayableRuns(state, signal) });

export function usePayableRuns(state: 'approved' | 'paid') {
  return useQuery(getPayableRunsQueryOptions(state));
}
