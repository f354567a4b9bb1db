import type { components } from '@/api/types/registry';
import { registryClient, unwrap } from '@/lib/api-client';
import { useInvalidatingMutation } from '@/lib/define-mutation';

type Decision = components['schemas']['QuotaExceptionDecision'];

/** Approve or reject a proposed community number (the level the rule names; never the proposer). */
export const decideCommunityNumber = async ({ id, body }: { id: string; body: Decision }) =>
  unwrap(await registryClient.POST('/v1/quota/community-numbers/{number_id}/decision', { params: { path: { number_id: id } }, body }));

export const useDecideCommunityNumber = () => useInvalidatingMutation(decideCommunityNumber, ['registry']);
