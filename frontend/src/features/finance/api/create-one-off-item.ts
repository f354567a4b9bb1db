import { payrollClient, unwrap } from '@/lib/api-client';
import { useInvalidatingMutation } from '@/lib/define-mutation';
import type { OneOffItemIn } from './types';

export const createOneOffItem = async (body: OneOffItemIn) => unwrap(await payrollClient.POST('/v1/one-off-items', { body }));

export const useCreateOneOffItem = () => useInvalidatingMutation(createOneOffItem, ['payroll', 'one-off-items']);
