import { useMutation, useQueryClient } from '@tanstack/react-query';
import { registryClient, unwrap } from '@/lib/api-client';

/** The city's review of a county-run plan. */
export const reviewCampaign = async ({ campaignId, note }: { campaignId: string; note?: string | null }) =>
  unwrap(await registryClient.POST('/v1/recruitment/campaigns/{campaign_id}/review', { params: { path: { campaign_id: campaignId } }, body: { note: note ?? null } }));

export function useReviewCampaign() {
  const client = useQueryClient();
  return useMutation({ mutationFn: reviewCampaign, onSuccess: () => client.invalidateQueries({ queryKey: ['recruitment'] }) });
}
