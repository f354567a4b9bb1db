import { assessmentClient, unwrap } from '@/lib/api-client';
import { useInvalidatingMutation } from '@/lib/define-mutation';

/** The worker objects to her result during the public notice. */
export const raiseObjection = async ({ assessmentId, reason }: { assessmentId: string; reason: string }) =>
  unwrap(await assessmentClient.POST('/v1/me/assessments/{assessment_id}/objections', { params: { path: { assessment_id: assessmentId } }, body: { reason } }));

export const useRaiseObjection = () => useInvalidatingMutation(raiseObjection, ['me']);
