import type { components } from '@/api/types/registry';
import { registryClient, unwrap } from '@/lib/api-client';
import { useInvalidatingMutation } from '@/lib/define-mutation';

export type HonourIn = components['schemas']['HonourIn'];

/** Add an honour (表彰, audited). */
export const addHonour = async ({ workerId, body }: { workerId: string; body: HonourIn }) =>
  unwrap(await registryClient.POST('/v1/workers/{worker_id}/honours', { params: { path: { worker_id: workerId } }, body }));

export const useAddHonour = () => useInvalidatingMutation(addHonour, ['workers']);
