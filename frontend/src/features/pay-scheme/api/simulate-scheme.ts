import { useMutation } from '@tanstack/react-query';
import { payrollClient, unwrap } from '@/lib/api-client';
import type { SimulationIn } from './types';

/** A draft's month for every worker of a region next to the version in force: totals only, nothing saved. */
export const simulateScheme = async ({ schemeId, body }: { schemeId: number; body: SimulationIn }) =>
  unwrap(await payrollClient.POST('/v1/pay-schemes/{scheme_id}/simulation', { params: { path: { scheme_id: schemeId } }, body }));

export function useSimulateScheme() {
  return useMutation({ mutationFn: simulateScheme });
}
