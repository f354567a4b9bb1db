import type { components } from '@/api/types/registry';
import { registryClient, unwrap } from '@/lib/api-client';
import { useInvalidatingMutation } from '@/lib/define-mutation';

export type ServicePeriodIn = components['schemas']['ServicePeriodIn'];

/** Record service in a community, earlier or elsewhere (counts toward the cumulative years; audited). */
export const addServicePeriod = async ({ workerId, body }: { workerId: string; body: ServicePeriodIn }) =>
  unwrap(await registryClient.POST('/v1/workers/{worker_id}/service-periods', { params: { path: { worker_id: workerId } }, body }));

export const useAddServicePeriod = () => useInvalidatingMutation(addServicePeriod, ['workers']);
