import { assessmentClient, unwrap } from '@/lib/api-client';
import { useInvalidatingMutation } from '@/lib/define-mutation';

/** The worker's own year summary (before the decision). */
export const saveSummary = async ({ assessmentId, text }: { assessmentId: string; text: string }) =>
  unwrap(await assessmentClient.PUT('/v1/me/assessments/{assessment_id}/summary', { params: { path: { assessment_id: assessmentId } }, body: { text } }));

export const useSaveSummary = () => useInvalidatingMutation(saveSummary, ['me']);
