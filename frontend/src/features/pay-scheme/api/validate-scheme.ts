import { useMutation } from '@tanstack/react-query';
import { payrollClient, unwrap } from '@/lib/api-client';

export const validateScheme = async (schemeId: number) =>
  unwrap(await payrollClient.POST('/v1/pay-schemes/{scheme_id}/validate', { params: { path: { scheme_id: schemeId } } }));

export function useValidateScheme() {
  return useMutation({ mutationFn: validateScheme });
}
