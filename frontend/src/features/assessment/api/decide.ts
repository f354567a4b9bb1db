import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { components } from '@/api/types/assessment';
import { assessmentClient, unwrap } from '@/lib/api-client';

export type DecisionIn = components['schemas']['DecisionIn'];

export const decide = async ({ assessmentId, body }: { assessmentId: string; body: DecisionIn }) =>
  unwrap(await assessmentClient.POST('/v1/assessments/{assessment_id}/decision', { params: { path: { assessment_id: assessmentId } }, body }));

export function useDecide() {
  const client = useQueryClient();
  return useMutation({ mutationFn: decide, onSuccess: () => client.invalidateQueries({ queryKey: ['assessment'] }) });
}
