import { payrollClient, unwrap } from '@/lib/api-client';
import { useInvalidatingMutation } from '@/lib/define-mutation';
import type { OneOffItemUpdate } from './types';

export const updateOneOffItem = async ({ id, body }: { id: number; body: OneOffItemUpdate }) =>
  unwrap(await payrollClient.PUT('/v1/one-off-items/{item_id}', { params: { path: { item_id: id } }, body }));

export const useUpdateOneOffItem = () => useInvalidatingMutation(updateOneOffItem, ['payroll', 'one-off-items']);
