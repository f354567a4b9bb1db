import type { components } from '@/api/types/registry';
import { registryClient, unwrap } from '@/lib/api-client';
import { useInvalidatingMutation } from '@/lib/define-mutation';

export type CommunityNumberIn = components['schemas']['CommunityNumberIn'];

/** The county proposes a community's number of workers; it counts once another officer of the level the rule names approves it. */
export const proposeCommunityNumber = async (body: CommunityNumberIn) =>
  unwrap(await registryClient.POST('/v1/quota/community-numbers', { body }));

export const useProposeCommunityNumber = () => useInvalidatingMutation(proposeCommunityNumber, ['registry']);
