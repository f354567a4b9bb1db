import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { components } from '@/api/types/assessment';
import { assessmentClient, unwrap } from '@/lib/api-client';

export type ProposalIn = components['schemas']['ProposalIn'];

export const propose = async ({ assessmentId, body }: { assessmentId: string; body: ProposalIn }) =>
  unwrap(await assessmentClient.POST('/v1/assessments/{assessment_id}/proposal', { params: { path: { assessment_id: assessmentId } }, body }));

export function usePropose() {
  const client = useQueryClient();
  return useMutation({ mutationFn: propose, onSuccess: () => client.invalidateQueries({ queryKey: ['assessment'] }) });
}
