import type { components } from '@/api/types/registry';
import { isAvailable, registryClient, unwrap } from '@/lib/api-client';
import { useInvalidatingMutation } from '@/lib/define-mutation';

export type RenewalIn = components['schemas']['RenewalIn'];

export const renewContractAvailable = () => isAvailable('registry', 'POST', '/v1/workers/{worker_id}/contract-renewal');

/** 续聘: the next contract from the day after the current one ends; refused (problem) when the rule says no. */
export const renewContract = async ({ workerId, body }: { workerId: string; body: RenewalIn }) =>
  unwrap(await registryClient.POST('/v1/workers/{worker_id}/contract-renewal', { params: { path: { worker_id: workerId } }, body }));

export const useRenewContract = () => useInvalidatingMutation(renewContract, ['workers']);
