import { assessmentClient, unwrap } from '@/lib/api-client';
import { useInvalidatingMutation } from '@/lib/define-mutation';

/** Snapshot the assessed population from the registry into the cycle. */
export const importAssessees = async (cycleId: string) =>
  unwrap(await assessmentClient.POST('/v1/cycles/{cycle_id}/assessees/import', { params: { path: { cycle_id: cycleId } } }));

export const useImportAssessees = () => useInvalidatingMutation(importAssessees, ['assessment']);
