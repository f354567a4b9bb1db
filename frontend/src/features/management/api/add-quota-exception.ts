import type { components } from '@/api/types/registry';
import { registryClient, unwrap } from '@/lib/api-client';
import { useInvalidatingMutation } from '@/lib/define-mutation';

export type QuotaExceptionIn = components['schemas']['QuotaExceptionIn'];

/** Approve extra posts above the computed quota (county). */
export const addQuotaException = async (body: QuotaExceptionIn) =>
  unwrap(await registryClient.POST('/v1/quota/exceptions', { body }));

export const useAddQuotaException = () => useInvalidatingMutation(addQuotaException, ['registry']);
