import { useRuns } from '@/lib/shared-reads';
import { isAvailable } from '@/lib/api-client';

export const payableRunsAvailable = () => isAvailable('payroll', 'GET', '/v1/runs');

/** Runs waiting to be paid (approved) or paid, newest month first. */
export const usePayableRuns = (state: 'approved' | 'paid') => useRuns({ state, page: 1, size: 100 });
