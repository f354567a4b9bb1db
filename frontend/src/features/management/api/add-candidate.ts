import type { components } from '@/api/types/registry';
import { registryClient, unwrap } from '@/lib/api-client';
import { useInvalidatingMutation } from '@/lib/define-mutation';

export type CandidateIn = components['schemas']['CandidateIn'];

/** Add a person to a township's secretary reserve. */
export const addCandidate = async (body: CandidateIn) =>
  unwrap(await registryClient.POST('/v1/reserve/candidates', { body }));

export const useAddCandidate = () => useInvalidatingMutation(addCandidate, ['registry']);
