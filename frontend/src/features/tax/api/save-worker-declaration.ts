import { payrollClient, unwrap } from '@/lib/api-client';
import { useInvalidatingMutation } from '@/lib/define-mutation';
import type { DeclarationIn } from './types';

/** An officer enters (no id) or corrects (id) a worker's declaration from their form. */
export const saveWorkerDeclaration = async ({ workerId, id, body }: { workerId: string; id?: number; body: DeclarationIn }) =>
  id
    ? unwrap(await payrollClient.PUT('/v1/tax-declarations/{declaration_id}', { params: { path: { declaration_id: id } }, body }))
    : unwrap(await payrollClient.POST('/v1/workers/{worker_id}/tax-declarations', { params: { path: { worker_id: workerId } }, body }));

export const useSaveWorkerDeclaration = () => useInvalidatingMutation(saveWorkerDeclaration, ['payroll', 'declarations']);
