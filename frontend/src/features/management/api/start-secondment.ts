import type { components } from '@/api/types/registry';
import { registryClient, unwrap } from '@/lib/api-client';
import { useInvalidatingMutation } from '@/lib/define-mutation';

export type SecondmentIn = components['schemas']['SecondmentIn'];

/** Start a secondment (limits checked by the registry). */
export const startSecondment = async (body: SecondmentIn) =>
  unwrap(await registryClient.POST('/v1/secondments', { body }));

export const useStartSecondment = () => useInvalidatingMutation(startSecondment, ['registry']);
