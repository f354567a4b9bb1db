import { isAvailable } from '@/lib/api-client';

export { useStatistics as useAssessmentProgress } from '@/lib/shared-reads';

export const assessmentProgressAvailable = () => isAvailable('assessment', 'GET', '/v1/statistics');
