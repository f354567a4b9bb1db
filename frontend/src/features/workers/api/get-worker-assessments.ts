import { defineGet } from '@/lib/define-call';

/** Final results from the assessment service, filtered to one worker. */
export const workerAssessments = defineGet<unknown>('assessment', '/v1/results', ['workers', 'assessments']);
