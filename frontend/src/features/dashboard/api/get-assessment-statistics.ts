import { isAvailable } from '@/lib/api-client';

export { useStatistics as useAssessmentStatistics } from '@/lib/shared-reads';

export const assessmentStatisticsAvailable = () => isAvailable('assessment', 'GET', '/v1/statistics');
