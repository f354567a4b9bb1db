import { assessmentClient, unwrap } from '@/lib/api-client';
import { useInvalidatingMutation } from '@/lib/define-mutation';

/** Record error tolerance (容错) with its reason. */
export const recordTolerance = async ({ assessmentId, reason }: { assessmentId: string; reason: string }) =>
  unwrap(await assessmentClient.PUT('/v1/assessments/{assessment_id}/tolerance', { params: { path: { assessment_id: assessmentId } }, body: { reason } }));

export const useRecordTolerance = () => useInvalidatingMutation(recordTolerance, ['assessment']);
