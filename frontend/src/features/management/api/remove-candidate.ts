import type { components } from '@/api/types/registry';
import { registryClient, unwrap } from '@/lib/api-client';
import { useInvalidatingMutation } from '@/lib/define-mutation';

export type CandidateRemoval = components['schemas']['CandidateRemoval'];

/** Take a person out of the reserve. */
export const removeCandidate = async ({ id, body }: { id: string; body: CandidateRemoval }) =>
  unwrap(await registryClient.POST('/v1/reserve/candidates/{candidate_id}/removal', { params: { path: { candidate_id: id } }, body }));

export const useRemoveCandidate = () => useInvalidatingMutation(removeCandidate, ['registry']);
