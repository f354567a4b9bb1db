import type { components } from '@/api/types/registry';
import { registryClient, unwrap } from '@/lib/api-client';
import { useInvalidatingMutation } from '@/lib/define-mutation';

export type ServicePeriodClose = components['schemas']['ServicePeriodClose'];

/** Set the end of a service period (between its start and today; audited). */
export const closeServicePeriod = async ({ workerId, periodId, body }: { workerId: string; periodId: string; body: ServicePeriodClose }) =>
  unwrap(
    await registryClient.PATCH('/v1/workers/{worker_id}/service-periods/{period_id}', {
      params: { path: { worker_id: workerId, period_id: periodId } },
      body,
    }),
  );

export const useCloseServicePeriod = () => useInvalidatingMutation(closeServicePeriod, ['workers']);
