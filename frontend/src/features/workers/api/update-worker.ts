import { useMutation, useQueryClient } from '@tanstack/react-query';
import { isAvailable, registryClient, unwrap } from '@/lib/api-client';
import type { WorkerUpdate } from './types';

export const updateWorkerAvailable = () => isAvailable('registry', 'PATCH', '/v1/workers/{worker_id}');

/** PATCH with If-Match: the version last read, so a concurrent edit is refused (412) instead of lost. */
export const updateWorker = async ({ workerId, body, version }: { workerId: string; body: WorkerUpdate; version: number }) =>
  unwrap(
    await registryClient.PATCH('/v1/workers/{worker_id}', {
      params: { path: { worker_id: workerId }, header: { 'If-Match': `"${version}"` } },
      body,
    }),
  );

export function useUpdateWorker() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: updateWorker,
    onSuccess: () => client.invalidateQueries({ queryKey: ['workers'] }),
  });
}
