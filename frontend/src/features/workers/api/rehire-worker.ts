import type { components } from '@/api/types/registry';
import { registryClient, unwrap } from '@/lib/api-client';
import { useInvalidatingMutation } from '@/lib/define-mutation';

export type RehireIn = components['schemas']['RehireIn'];

/** A new contract for a former worker on the same record (the break is not bridged). */
export const rehireWorker = async ({ workerId, body }: { workerId: string; body: RehireIn }) =>
  unwrap(await registryClient.POST('/v1/workers/{worker_id}/rehire', { params: { path: { worker_id: workerId } }, body }));

export const useRehireWorker = () => useInvalidatingMutation(rehireWorker, ['workers']);
