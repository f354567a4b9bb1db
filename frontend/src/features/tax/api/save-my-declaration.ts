import { payrollClient, unwrap } from '@/lib/api-client';
import { useInvalidatingMutation } from '@/lib/define-mutation';
import type { DeclarationIn } from './types';

/** Declare (no id) or correct (id) one of my deductions. */
export const saveMyDeclaration = async ({ id, body }: { id?: number; body: DeclarationIn }) =>
  id
    ? unwrap(await payrollClient.PUT('/v1/me/tax-declarations/{declaration_id}', { params: { path: { declaration_id: id } }, body }))
    : unwrap(await payrollClient.POST('/v1/me/tax-declarations', { body }));

export const useSaveMyDeclaration = () => useInvalidatingMutation(saveMyDeclaration, ['payroll', 'declarations']);
