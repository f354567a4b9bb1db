import { registryClient, unwrap } from '@/lib/api-client';
import { useInvalidatingMutation } from '@/lib/define-mutation';

/** POST /v1/accounts/worker: the worker's own account from the record (login by national ID or phone). */
export const createWorkerAccount = async (workerId: string) =>
  unwrap(await registryClient.POST('/v1/accounts/worker', { body: { worker_id: workerId } }));

export const useCreateWorkerAccount = () => useInvalidatingMutation(createWorkerAccount, ['registry', 'accounts']);
