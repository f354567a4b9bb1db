import type { components } from '@/api/types/assessment';
import { assessmentClient, unwrap } from '@/lib/api-client';
import { useInvalidatingMutation } from '@/lib/define-mutation';

export type UnitDecisionIn = components['schemas']['UnitDecisionIn'];

/** Decide a township's proposals as proposed and publish the notice (公示). */
export const decideUnit = async ({ cycleId, body }: { cycleId: string; body: UnitDecisionIn }) =>
  unwrap(await assessmentClient.POST('/v1/cycles/{cycle_id}/decisions', { params: { path: { cycle_id: cycleId } }, body }));

export const useDecideUnit = () => useInvalidatingMutation(decideUnit, ['assessment']);
