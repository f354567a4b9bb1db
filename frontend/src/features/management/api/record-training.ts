import type { components } from '@/api/types/registry';
import { registryClient, unwrap } from '@/lib/api-client';
import { useInvalidatingMutation } from '@/lib/define-mutation';

export type TrainingBatchIn = components['schemas']['TrainingBatchIn'];

/** Record training for one or many workers. */
export const recordTraining = async (body: TrainingBatchIn) =>
  unwrap(await registryClient.POST('/v1/training/records', { body }));

export const useRecordTraining = () => useInvalidatingMutation(recordTraining, ['registry']);
