import type { components } from '@/api/types/registry';
import { registryClient, unwrap } from '@/lib/api-client';
import { useInvalidatingMutation } from '@/lib/define-mutation';

export type EducationIn = components['schemas']['EducationIn'];

/** Add an education record (audited); the record's highest level follows. */
export const addEducation = async ({ workerId, body }: { workerId: string; body: EducationIn }) =>
  unwrap(await registryClient.POST('/v1/workers/{worker_id}/education', { params: { path: { worker_id: workerId } }, body }));

export const useAddEducation = () => useInvalidatingMutation(addEducation, ['workers']);
