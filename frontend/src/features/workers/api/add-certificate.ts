import type { components } from '@/api/types/registry';
import { registryClient, unwrap } from '@/lib/api-client';
import { useInvalidatingMutation } from '@/lib/define-mutation';

export type CertificateIn = components['schemas']['CertificateIn'];

/** Add a vocational certificate (audited); the record's highest level follows. */
export const addCertificate = async ({ workerId, body }: { workerId: string; body: CertificateIn }) =>
  unwrap(await registryClient.POST('/v1/workers/{worker_id}/certificates', { params: { path: { worker_id: workerId } }, body }));

export const useAddCertificate = () => useInvalidatingMutation(addCertificate, ['workers']);
