import type { components } from '@/api/types/registry';
import { registryClient, unwrap } from '@/lib/api-client';
import { useInvalidatingMutation } from '@/lib/define-mutation';

export type SecondmentEnd = components['schemas']['SecondmentEnd'];

/** End a secondment early. */
export const endSecondment = async ({ id, body }: { id: string; body: SecondmentEnd }) =>
  unwrap(await registryClient.POST('/v1/secondments/{secondment_id}/end', { params: { path: { secondment_id: id } }, body }));

export const useEndSecondment = () => useInvalidatingMutation(endSecondment, ['registry']);
