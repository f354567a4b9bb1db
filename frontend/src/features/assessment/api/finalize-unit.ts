import { assessmentClient, unwrap } from '@/lib/api-client';
import { useInvalidatingMutation } from '@/lib/define-mutation';

/** Finalise every result of a township whose notice ended without an open objection. */
export const finalizeUnit = async ({ cycleId, township }: { cycleId: string; township: string }) =>
  unwrap(await assessmentClient.POST('/v1/cycles/{cycle_id}/finalization', { params: { path: { cycle_id: cycleId } }, body: { township_code: township } }));

export const useFinalizeUnit = () => useInvalidatingMutation(finalizeUnit, ['assessment']);
