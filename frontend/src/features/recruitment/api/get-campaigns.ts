import { queryOptions, useQuery } from '@tanstack/react-query';
import { isAvailable, registryClient, unwrap } from '@/lib/api-client';

export const campaignsAvailable = () => isAvailable('registry', 'GET', '/v1/recruitment/campaigns');

export const getCampaigns = async (signal?: AbortSignal) => unwrap(await registryClient.GET('/v1/recruitment/campaigns', { signal }));

export const getCampaignsQueryOptions = () => queryOptions({ queryKey: ['recruitment', 'campaigns'], queryFn: ({ signal }) => getCampaigns(signal) });

export function useCampaigns() {
  return useQuery(getCampaignsQueryOptions());
}
