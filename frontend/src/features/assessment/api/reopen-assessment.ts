import { assessmentClient, unwrap } from '@/lib/api-client';
import { useInvalidatingMutation } from '@/lib/define-mutation';

/** Reopen a final result for correction (reason required). */
export const reopenAssessment = async ({ assessmentId, reason }: { assessmentId: string; reason: string }) =>
  unwrap(await assessmentClient.POST('/v1/assessments/{assessment_id}/reopening', { params: { path: { assessment_id: assessmentId } }, body: { reason } }));

export const useReopenAssessment = () => useInvalidatingMutation(reopenAssessment, ['assessment']);
