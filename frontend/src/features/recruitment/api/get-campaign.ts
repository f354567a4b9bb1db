import { queryOptions, useQuery } from '@tanstack/react-query';
import { registryClient, unwrap } from '@/lib/api-client';

export const getCampaign = async (campaignId: string, signal?: AbortSignal) =>
  unwrap(await registryClient.GET('/v1/recruitment/campaigns/{campaign_id}', { params: { path: { campaign_id: campaignId } }, signal }));

export const getCampaignQueryOptions = (campaignId: string) =>
  queryOptions({ queryKey: ['recruitment', 'campaign', campaignId], queryFn: ({ signal }) => getCampaign(campaignId, signal) });

export function useCampaign(campaignId: string) {
  return useQuery(getCampaignQueryOptions(campaignId));
}
