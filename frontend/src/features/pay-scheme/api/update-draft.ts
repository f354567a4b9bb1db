import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { components } from '@/api/types/payroll';
import { payrollClient, unwrap } from '@/lib/api-client';

export type SchemeUpdate = components['schemas']['SchemeUpdate'];

export const updateDraft = async ({ schemeId, body }: { schemeId: number; body: SchemeUpdate }) =>
  unwrap(await payrollClient.PATCH('/v1/pay-schemes/{scheme_id}', { params: { path: { scheme_id: schemeId } }, body }));

export function useUpdateDraft() {
  const client = useQueryClient();
  return useMutation({ mutationFn: updateDraft, onSuccess: () => client.invalidateQueries({ queryKey: ['pay-scheme'] }) });
}
