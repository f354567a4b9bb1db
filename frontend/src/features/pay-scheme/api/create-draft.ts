import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { components } from '@/api/types/payroll';
import { payrollClient, unwrap } from '@/lib/api-client';

export type SchemeCreate = components['schemas']['SchemeCreate'];

/** A new draft version, based on the one being viewed. */
export const createDraft = async (body: SchemeCreate) => unwrap(await payrollClient.POST('/v1/pay-schemes', { body }));

export function useCreateDraft() {
  const client = useQueryClient();
  return useMutation({ mutationFn: createDraft, onSuccess: () => client.invalidateQueries({ queryKey: ['pay-scheme'] }) });
}
