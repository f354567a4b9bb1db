import { payrollClient, unwrap } from '@/lib/api-client';
import { useInvalidatingMutation } from '@/lib/define-mutation';

export const withdrawMyDeclaration = async (id: number) =>
  unwrap(await payrollClient.DELETE('/v1/me/tax-declarations/{declaration_id}', { params: { path: { declaration_id: id } } }));

export const useWithdrawMyDeclaration = () => useInvalidatingMutation(withdrawMyDeclaration, ['payroll', 'declarations']);
