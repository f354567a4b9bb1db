import type { components } from '@/api/types/registry';
import { registryClient, unwrap } from '@/lib/api-client';
import { useInvalidatingMutation } from '@/lib/define-mutation';

export type QuotaExceptionIn = components['schemas']['QuotaExceptionIn'];

/** Request extra posts above the computed quota; they count once the level the rule names approves them. */
export const addQuotaException = async (body: QuotaExceptionIn) =>
  unwrap(await registryClient.POST('/v1/quota/exceptions', { body }));

export const useAddQuotaException = () => useInvalidatingMutation(addQuotaException, ['registry']);
