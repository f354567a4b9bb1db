import type { components } from '@/api/types/registry';
import { registryClient, unwrap } from '@/lib/api-client';
import { useInvalidatingMutation } from '@/lib/define-mutation';

export type StatusChangeIn = components['schemas']['StatusChangeIn'];

/** Change the status on a date (the status machine decides which; backdated over a month needs a reason). */
export const changeStatus = async ({ workerId, body }: { workerId: string; body: StatusChangeIn }) =>
  unwrap(await registryClient.POST('/v1/workers/{worker_id}/status-transitions', { params: { path: { worker_id: workerId } }, body }));

export const useChangeStatus = () => useInvalidatingMutation(changeStatus, ['workers']);
