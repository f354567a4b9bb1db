import { useMutation, useQueryClient } from '@tanstack/react-query';
import { sharedKeys } from '@/lib/shared-reads';
import { isAvailable, payrollClient, unwrap } from '@/lib/api-client';
import type { RunStart } from './types';

export const startRunAvailable = () => isAvailable('payroll', 'POST', '/v1/runs');

export const startRun = async (body: RunStart) => unwrap(await payrollClient.POST('/v1/runs', { body }));

export function useStartRun() {
  const client = useQueryClient();
  return useMutation({ mutationFn: startRun, onSuccess: () => client.invalidateQueries({ queryKey: sharedKeys.runs }) });
}
