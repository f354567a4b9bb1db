import { useMutation, useQueryClient } from '@tanstack/react-query';
import { registryClient, unwrap } from '@/lib/api-client';

export const confirmImport = async (importId: string) =>
  unwrap(await registryClient.POST('/v1/imports/{import_id}/confirm', { params: { path: { import_id: importId } } }));

export function useConfirmImport() {
  const client = useQueryClient();
  return useMutation({ mutationFn: confirmImport, onSuccess: () => client.invalidateQueries({ queryKey: ['workers'] }) });
}
