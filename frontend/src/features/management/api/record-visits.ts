import type { components } from '@/api/types/registry';
import { registryClient, unwrap } from '@/lib/api-client';
import { useInvalidatingMutation } from '@/lib/define-mutation';

export type VisitBatchIn = components['schemas']['VisitBatchIn'];

/** Record household visits. */
export const recordVisits = async (body: VisitBatchIn) =>
  unwrap(await registryClient.POST('/v1/visits', { body }));

export const useRecordVisits = () => useInvalidatingMutation(recordVisits, ['registry']);
