import type { components } from '@/api/types/registry';
import { registryClient, unwrap } from '@/lib/api-client';
import { useInvalidatingMutation } from '@/lib/define-mutation';

export type QuotaExceptionDecision = components['schemas']['QuotaExceptionDecision'];

/** Approve or reject a requested exception (the level the rule names; never the requester). */
export const decideQuotaException = async ({ id, body }: { id: string; body: QuotaExceptionDecision }) =>
  unwrap(await registryClient.POST('/v1/quota/exceptions/{exception_id}/decision', { params: { path: { exception_id: id } }, body }));

export const useDecideQuotaException = () => useInvalidatingMutation(decideQuotaException, ['registry']);
