import { payrollClient, unwrap } from '@/lib/api-client';
import { useInvalidatingMutation } from '@/lib/define-mutation';

export const deleteWorkerDeclaration = async (id: number) =>
  unwrap(await payrollClient.DELETE('/v1/tax-declarations/{declaration_id}', { params: { path: { declaration_id: id } } }));

export const useDeleteWorkerDeclaration = () => useInvalidatingMutation(deleteWorkerDeclaration, ['payroll', 'declarations']);
