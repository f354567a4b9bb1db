import { useMutation, useQueryClient } from '@tanstack/react-query';
import { payrollClient, unwrap } from '@/lib/api-client';

export const approveRun = async (runId: string) =>
  unwrap(await payrollClient.POST('/v1/runs/{run_id}/approve', { params: { path: { run_id: runId } } }));

export function useApproveRun() {
  const client = useQueryClient();
  return useMutation({ mutationFn: approveRun, onSuccess: () => client.invalidateQueries({ queryKey: ['payroll'] }) });
}
