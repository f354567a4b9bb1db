import { registryClient, unwrap } from '@/lib/api-client';
import { useInvalidatingMutation } from '@/lib/define-mutation';

export type FactKind = 'education' | 'certificates' | 'honours';

/** Delete a mistaken education, certificate or honour record (audited with what it was). */
export const deleteWorkerFact = async ({ workerId, kind, recordId }: { workerId: string; kind: FactKind; recordId: string }) =>
  unwrap(
    await registryClient.DELETE('/v1/workers/{worker_id}/{kind}/{record_id}', {
      params: { path: { worker_id: workerId, kind, record_id: recordId } },
    }),
  );

export const useDeleteWorkerFact = () => useInvalidatingMutation(deleteWorkerFact, ['workers']);
