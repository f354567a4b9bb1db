import { useMutation, useQueryClient } from '@tanstack/react-query';
import { isAvailable, registryClient, unwrap } from '@/lib/api-client';
import type { WorkerCreate } from './types';

export const createWorkerAvailable = () => isAvailable('registry', 'POST', '/v1/workers');

export const createWorker = async (body: WorkerCreate) => unwrap(await registryClient.POST('/v1/workers', { body }));

export function useCreateWorker() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: createWorker,
    onSuccess: () => client.invalidateQueries({ queryKey: ['workers'] }),
  });
}
