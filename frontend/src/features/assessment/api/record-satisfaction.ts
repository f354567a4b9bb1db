import type { components } from '@/api/types/assessment';
import { assessmentClient, unwrap } from '@/lib/api-client';
import { useInvalidatingMutation } from '@/lib/define-mutation';

export type SatisfactionIn = components['schemas']['SatisfactionIn'];

/** The residents' satisfaction survey of one worker. */
export const recordSatisfaction = async ({ assessmentId, body }: { assessmentId: string; body: SatisfactionIn }) =>
  unwrap(await assessmentClient.PUT('/v1/assessments/{assessment_id}/satisfaction', { params: { path: { assessment_id: assessmentId } }, body }));

export const useRecordSatisfaction = () => useInvalidatingMutation(recordSatisfaction, ['assessment']);
