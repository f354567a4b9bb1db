import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { components } from '@/api/types/registry';
import { registryClient, unwrap } from '@/lib/api-client';

export type ApplicantIn = components['schemas']['ApplicantIn'];

/** Register an applicant; the registry checks eligibility (IM art.9, 11) and priority (art.10). */
export const addApplicant = async ({ campaignId, body }: { campaignId: string; body: ApplicantIn }) =>
  unwrap(await registryClient.POST('/v1/recruitment/campaigns/{campaign_id}/applicants', { params: { path: { campaign_id: campaignId } }, body }));

export function useAddApplicant() {
  const client = useQueryClient();
  return useMutation({ mutationFn: addApplicant, onSuccess: () => client.invalidateQueries({ queryKey: ['recruitment'] }) });
}
