import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest, isAvailable } from '@/lib/api-client';
import type { ImportReport } from './import-workers';

export const confirmWorkerImportAvailable = () => isAvailable('registry', 'POST', '/v1/workers/imports/{import_id}/confirm');

export const confirmWorkerImport = (importId: string) =>
  apiRequest<ImportReport>('registry', 'POST', `/v1/workers/imports/${encodeURIComponent(importId)}/confirm`);

export function useConfirmWorkerImport() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: confirmWorkerImport,
    onSuccess: () => client.invalidateQueries({ queryKey: ['workers'] }),
  });
}
