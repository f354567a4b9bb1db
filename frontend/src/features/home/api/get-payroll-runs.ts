import { useRuns } from '@/lib/shared-reads';
import { isAvailable } from '@/lib/api-client';

export const payrollRunsAvailable = () => isAvailable('payroll', 'GET', '/v1/runs');

/** The region's latest 24 runs (the shared runs read, so starting a run refreshes the home page too). */
export const usePayrollRuns = (region: string) => useRuns({ region: region || undefined, size: 24 });
