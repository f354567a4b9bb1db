import type { components } from '@/api/types/registry';
import { registryClient, unwrap } from '@/lib/api-client';
import { useInvalidatingMutation } from '@/lib/define-mutation';

export type PostChangeIn = components['schemas']['PostChangeIn'];

/** Move to another post of the community's catalogue on a date. */
export const changePost = async ({ workerId, body }: { workerId: string; body: PostChangeIn }) =>
  unwrap(await registryClient.POST('/v1/workers/{worker_id}/post-changes', { params: { path: { worker_id: workerId } }, body }));

export const useChangePost = () => useInvalidatingMutation(changePost, ['workers']);
