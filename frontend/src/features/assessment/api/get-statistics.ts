import { isAvailable } from '@/lib/api-client';

/** Proposed / decided / final counts and the excellent quota (limit vs decided) per county and township. */
export { useStatistics } from '@/lib/shared-reads';

export const statisticsAvailable = () => isAvailable('assessment', 'GET', '/v1/statistics');
