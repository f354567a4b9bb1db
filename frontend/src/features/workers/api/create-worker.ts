import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest, isAvailable } from '@/lib/api-client';
import type { WorkerSummary } from './types';

export const createWorkerAvailable = () => isAvailable('registry', 'POST', '/v1/workers');

export const createWorker = (body: Record<string, unknown>) =>
  apiRequest<WorkerSummary>('registry', 'POST', '/v1/workers', { json: body });

export function useCreateWorker() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: createWorker,
    onSuccess: () => client.invalidateQueries({ queryKey: ['workers'] }),
  });
}
