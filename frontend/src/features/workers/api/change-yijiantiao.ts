import type { components } from '@/api/types/registry';
import { registryClient, unwrap } from '@/lib/api-client';
import { useInvalidatingMutation } from '@/lib/define-mutation';

export type YijiantiaoChangeIn = components['schemas']['YijiantiaoChangeIn'];

/** Start or end holding secretary and committee director together (一肩挑). */
export const changeYijiantiao = async ({ workerId, body }: { workerId: string; body: YijiantiaoChangeIn }) =>
  unwrap(await registryClient.POST('/v1/workers/{worker_id}/yijiantiao', { params: { path: { worker_id: workerId } }, body }));

export const useChangeYijiantiao = () => useInvalidatingMutation(changeYijiantiao, ['workers']);
