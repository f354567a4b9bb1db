import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { components } from '@/api/types/registry';
import { registryClient, unwrap } from '@/lib/api-client';

export type CampaignIn = components['schemas']['CampaignIn'];

export const createCampaign = async (body: CampaignIn) => unwrap(await registryClient.POST('/v1/recruitment/campaigns', { body }));

export function useCreateCampaign() {
  const client = useQueryClient();
  return useMutation({ mutationFn: createCampaign, onSuccess: () => client.invalidateQueries({ queryKey: ['recruitment'] }) });
}
