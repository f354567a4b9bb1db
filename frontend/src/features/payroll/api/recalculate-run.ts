import { useMutation, useQueryClient } from '@tanstack/react-query';
import { payrollClient, unwrap } from '@/lib/api-client';

export const recalculateRun = async (runId: string) =>
  unwrap(await payrollClient.POST('/v1/runs/{run_id}/recalculate', { params: { path: { run_id: runId } } }));

export function useRecalculateRun() {
  const client = useQueryClient();
  return useMutation({ mutationFn: recalculateRun, onSuccess: () => client.invalidateQueries({ queryKey: ['payroll'] }) });
}
