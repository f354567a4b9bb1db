import { useMutation, useQueryClient } from '@tanstack/react-query';
import { payrollClient, unwrap } from '@/lib/api-client';

export const publishScheme = async (schemeId: number) =>
  unwrap(await payrollClient.POST('/v1/pay-schemes/{scheme_id}/publish', { params: { path: { scheme_id: schemeId } } }));

export function usePublishScheme() {
  const client = useQueryClient();
  return useMutation({ mutationFn: publishScheme, onSuccess: () => client.invalidateQueries({ queryKey: ['pay-scheme'] }) });
}
