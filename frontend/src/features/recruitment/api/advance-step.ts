import { useMutation, useQueryClient } from '@tanstack/react-query';
import { registryClient, unwrap } from '@/lib/api-client';

/** Move the campaign to its next step (the registry refuses skipping or going back). */
export const advanceStep = async ({ campaignId, step, note }: { campaignId: string; step: string; note?: string | null }) =>
  unwrap(await registryClient.POST('/v1/recruitment/campaigns/{campaign_id}/steps', { params: { path: { campaign_id: campaignId } }, body: { step, note: note ?? null } }));

export function useAdvanceStep() {
  const client = useQueryClient();
  return useMutation({ mutationFn: advanceStep, onSuccess: () => client.invalidateQueries({ queryKey: ['recruitment'] }) });
}
