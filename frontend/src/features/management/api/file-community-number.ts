import type { components } from '@/api/types/registry';
import { registryClient, unwrap } from '@/lib/api-client';
import { useInvalidatingMutation } from '@/lib/define-mutation';

export type CommunityNumberFiling = components['schemas']['CommunityNumberFiling'];

/** Record that an approved number was filed (备案) with the level above. */
export const fileCommunityNumber = async ({ id, body }: { id: string; body: CommunityNumberFiling }) =>
  unwrap(await registryClient.POST('/v1/quota/community-numbers/{number_id}/filing', { params: { path: { number_id: id } }, body }));

export const useFileCommunityNumber = () => useInvalidatingMutation(fileCommunityNumber, ['registry']);
