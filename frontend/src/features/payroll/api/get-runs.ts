import { isAvailable } from '@/lib/api-client';

export { useRuns } from '@/lib/shared-reads';

export const runsAvailable = () => isAvailable('payroll', 'GET', '/v1/runs');
