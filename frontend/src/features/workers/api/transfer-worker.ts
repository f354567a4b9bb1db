import type { components } from '@/api/types/registry';
import { registryClient, unwrap } from '@/lib/api-client';
import { useInvalidatingMutation } from '@/lib/define-mutation';

export type TransferIn = components['schemas']['TransferIn'];

/** Move to another community in the jurisdiction (the open service period ends the day before). */
export const transferWorker = async ({ workerId, body }: { workerId: string; body: TransferIn }) =>
  unwrap(await registryClient.POST('/v1/workers/{worker_id}/transfers', { params: { path: { worker_id: workerId } }, body }));

export const useTransferWorker = () => useInvalidatingMutation(transferWorker, ['workers']);
