import { queryOptions, useQuery } from '@tanstack/react-query';
import { registryClient, unwrap } from '@/lib/api-client';

export const getApplicants = async (campaignId: string, signal?: AbortSignal) =>
  unwrap(await registryClient.GET('/v1/recruitment/campaigns/{campaign_id}/applicants', { params: { path: { campaign_id: campaignId } }, signal }));

export const getApplicantsQueryOptions = (campaignId: string) =>
  queryOptions({ queryKey: ['recruitment', 'campaign', campaignId, 'applicants'], queryFn: ({ signal }) => getApplicants(campaignId, signal) });

export function useApplicants(campaignId: string) {
  return useQuery(getApplicantsQueryOptions(campaignId));
}
