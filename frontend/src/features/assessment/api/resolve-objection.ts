import type { components } from '@/api/types/assessment';
import { assessmentClient, unwrap } from '@/lib/api-client';
import { useInvalidatingMutation } from '@/lib/define-mutation';

export type ResolutionIn = components['schemas']['ResolutionIn'];

/** The township resolves a worker's objection (upheld or rejected, with a note). */
export const resolveObjection = async ({ objectionId, body }: { objectionId: string; body: ResolutionIn }) =>
  unwrap(await assessmentClient.POST('/v1/objections/{objection_id}/resolution', { params: { path: { objection_id: objectionId } }, body }));

export const useResolveObjection = () => useInvalidatingMutation(resolveObjection, ['assessment']);
