import { assessmentClient, unwrap } from '@/lib/api-client';
import { useInvalidatingMutation } from '@/lib/define-mutation';

/** Finalise one result after its notice. */
export const finalizeAssessment = async (assessmentId: string) =>
  unwrap(await assessmentClient.POST('/v1/assessments/{assessment_id}/finalization', { params: { path: { assessment_id: assessmentId } } }));

export const useFinalizeAssessment = () => useInvalidatingMutation(finalizeAssessment, ['assessment']);
