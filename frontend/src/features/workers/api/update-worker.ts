import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest, isAvailable } from '@/lib/api-client';
import type { WorkerSummary } from './types';

export const updateWorkerAvailable = () => isAvailable('registry', 'PATCH', '/v1/workers/{worker_id}');

export const updateWorker = ({ workerId, body, version }: { workerId: string; body: Record<string, unknown>; version?: number | null }) =>
  apiRequest<WorkerSummary>('registry', 'PATCH', `/v1/workers/${encodeURIComponent(workerId)}`, {
    json: body,
    headers: version !== undefined && version !== null ? { 'If-Match': `"${version}"` } : undefined,
  });

export function useUpdateWorker() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: updateWorker,
    onSuccess: () => client.invalidateQueries({ queryKey: ['workers'] }),
  });
}
