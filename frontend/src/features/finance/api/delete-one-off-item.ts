import { payrollClient, unwrap } from '@/lib/api-client';
import { useInvalidatingMutation } from '@/lib/define-mutation';

export const deleteOneOffItem = async (id: number) =>
  unwrap(await payrollClient.DELETE('/v1/one-off-items/{item_id}', { params: { path: { item_id: id } } }));

export const useDeleteOneOffItem = () => useInvalidatingMutation(deleteOneOffItem, ['payroll', 'one-off-items']);
