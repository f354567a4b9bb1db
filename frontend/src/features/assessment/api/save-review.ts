import { assessmentClient, unwrap } from '@/lib/api-client';
import { useInvalidatingMutation } from '@/lib/define-mutation';

/** The community's review of the worker (party secretary). */
export const saveReview = async ({ assessmentId, text }: { assessmentId: string; text: string }) =>
  unwrap(await assessmentClient.PUT('/v1/assessments/{assessment_id}/review', { params: { path: { assessment_id: assessmentId } }, body: { text } }));

export const useSaveReview = () => useInvalidatingMutation(saveReview, ['assessment']);
